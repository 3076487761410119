using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ladder.Api.Pipeline;
using Ladder.Api.Primitives;
using Ladder.Api.Runner;
using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Admin;

public sealed class AdminEndpointsTests
{
    private const string Token = "test-admin-token";

    [Fact]
    public async Task Status_Should_AnswerInTheContractShape_With_TheRunnerDetailAsExtraFields()
    {
        await using var runner = await StartAsync();

        using var response = await Send(runner, HttpMethod.Get, RunnerAdminApi.StatusPath);
        var body = await response.Content.ReadAsStringAsync();
        var status = JsonSerializer.Deserialize<RunnerStatus>(body, RunnerJson.Options)!;
        using var doc = JsonDocument.Parse(body);

        Assert.Equal(RunnerPhase.Running, status.Phase);
        Assert.Equal(InProcessRunner.DemoSpec.Generation, status.PipelineGeneration);
        Assert.Equal("local", status.ActiveInput);
        Assert.Equal("local", Assert.Single(status.Inputs).Name);
        Assert.Equal(["360p", "270p", "180p"], status.Renditions.Select(r => r.Name));
        Assert.Equal("/hls/master.m3u8", status.Endpoints.Hls);
        Assert.Equal("running", doc.RootElement.GetProperty("phase").GetString());
        Assert.Equal("ingest-1", doc.RootElement.GetProperty("pipeline").GetProperty("stages")[0].GetProperty("instanceId").GetString());
        Assert.Equal("listen", doc.RootElement.GetProperty("inputs")[0].GetProperty("mode").GetString());
    }

    [Fact]
    public async Task AdminRoutes_Should_Answer401_When_TheTokenIsMissingOrWrong()
    {
        await using var runner = await InProcessRunner.StartAsync(adminToken: Token);

        using var none = await runner.Http.GetAsync(RunnerAdminApi.StatusPath);
        using var wrong = await Send(runner, HttpMethod.Get, RunnerAdminApi.StatusPath, token: "nope");
        using var put = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, InProcessRunner.DemoSpec.ToJson(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Contains("Unauthorized", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(runner.Runtime.Applied);
    }

    [Fact]
    public async Task WriteRoutes_Should_Answer403_When_NoTokenIsConfigured()
    {
        await using var runner = await InProcessRunner.StartAsync();

        using var put = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, InProcessRunner.DemoSpec.ToJson(), token: null);
        using var activate = await Send(runner, HttpMethod.Post, RunnerAdminApi.ActivateInputPath("local"), token: null);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, activate.StatusCode);
        Assert.Contains(RunnerAdminApi.TokenEnvironmentVariable, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutPipeline_Should_ApplyAndAnswerThePlan_When_TheGenerationIsHigher()
    {
        await using var runner = await StartAsync();
        var spec = InProcessRunner.DemoSpec;
        var next = spec with
        {
            Generation = spec.Generation + 1,
            Video = spec.Video with { Renditions = spec.Video.Renditions.Select((r, i) => i == 0 ? r with { Bitrate = r.Bitrate - 1000 } : r).ToValueList() },
        };

        using var response = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, next.ToJson());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var plan = JsonSerializer.Deserialize<ReloadPlan>(await response.Content.ReadAsStringAsync(), RunnerJson.Options)!;
        Assert.Equal(["encode/360p"], plan.Restarted);
        Assert.Equal(next.Generation, plan.PipelineGeneration);
        Assert.Equal(next, Assert.Single(runner.Runtime.Applied));
        var status = await StatusAsync(runner);
        Assert.Equal(next.Generation, status.PipelineGeneration);
        Assert.Equal(["encode/360p"], status.LastReload!.Restarted);
    }

    [Fact]
    public async Task PutPipeline_Should_Answer422NamingTheField_And_LeaveThePipeline_When_TheSpecIsInvalid()
    {
        await using var runner = await StartAsync();
        var spec = InProcessRunner.DemoSpec;
        var invalid = spec with { Generation = spec.Generation + 1, Video = spec.Video with { GopSeconds = 0 } };

        using var response = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, invalid.ToJson());
        using var garbage = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, "{ not json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Invalid", doc.RootElement.GetProperty("reason").GetString());
        Assert.Contains(doc.RootElement.GetProperty("details").GetProperty("causes").EnumerateArray(), c => c.GetProperty("field").GetString()!.Contains("gopSeconds", StringComparison.Ordinal));
        Assert.Empty(runner.Runtime.Applied);
        Assert.Equal(spec.Generation, (await StatusAsync(runner)).PipelineGeneration);
    }

    [Fact]
    public async Task PutPipeline_Should_Answer409_When_TheGenerationIsLower_And_200WithAnEmptyPlan_When_ItIsTheSame()
    {
        var spec = InProcessRunner.DemoSpec with { Generation = 5 };
        await using var runner = await StartAsync(spec);

        using var older = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, (spec with { Generation = 4 }).ToJson());
        using var same = await Send(runner, HttpMethod.Put, RunnerAdminApi.PipelinePath, spec.ToJson());

        Assert.Equal(HttpStatusCode.Conflict, older.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.True(JsonSerializer.Deserialize<ReloadPlan>(await same.Content.ReadAsStringAsync(), RunnerJson.Options)!.IsEmpty);
        Assert.Empty(runner.Runtime.Applied);
    }

    [Fact]
    public async Task ActivateInput_Should_Answer200WithTheStatus_And_404ForAnUnknownInput()
    {
        await using var runner = await StartAsync();

        using var known = await Send(runner, HttpMethod.Post, RunnerAdminApi.ActivateInputPath("local"));
        using var unknown = await Send(runner, HttpMethod.Post, RunnerAdminApi.ActivateInputPath("nope"));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(RunnerPhase.Running, JsonSerializer.Deserialize<RunnerStatus>(await known.Content.ReadAsStringAsync(), RunnerJson.Options)!.Phase);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["local", "nope"], runner.Runtime.Activated);
    }

    private static Task<InProcessRunner> StartAsync(PipelineSpec? spec = null) => InProcessRunner.StartAsync(spec, adminToken: Token);

    private static async Task<RunnerStatus> StatusAsync(InProcessRunner runner)
    {
        using var response = await Send(runner, HttpMethod.Get, RunnerAdminApi.StatusPath);
        return JsonSerializer.Deserialize<RunnerStatus>(await response.Content.ReadAsStringAsync(), RunnerJson.Options)!;
    }

    private static async Task<HttpResponseMessage> Send(InProcessRunner runner, HttpMethod method, string path, string? body = null, string? token = Token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(RunnerAdminApi.AuthorizationScheme, token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await runner.Http.SendAsync(request);
    }
}
