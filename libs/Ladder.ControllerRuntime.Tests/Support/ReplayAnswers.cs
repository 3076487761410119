using Ladder.Kubernetes.Testing;
using Microsoft.AspNetCore.Http;

namespace Ladder.ControllerRuntime.Tests.Support;

/// <summary>Scripted answers built from recordings, for requests whose recorded twin differs in a way the client cannot reproduce.</summary>
internal static class ReplayAnswers
{
    /// <summary>Answers with the recorded status, Content-Type and body of <paramref name="fixture"/>.</summary>
    public static RequestDelegate ResponseOf(string fixture)
    {
        var recorded = HttpFixture.Load(fixture);
        return async context =>
        {
            context.Response.StatusCode = recorded.StatusCode;
            context.Response.ContentType = recorded.ResponseHeaders.First(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
            await context.Response.Body.WriteAsync(recorded.ResponseBody, context.RequestAborted);
        };
    }

    /// <summary>A watch that sends nothing and stays open until the client leaves.</summary>
    public static RequestDelegate HeldOpenWatch => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    };

    public static bool HasQuery(this RecordedRequest request, string key, string value) => request.Query.Any(p => p.Key == key && p.Value == value);
}
