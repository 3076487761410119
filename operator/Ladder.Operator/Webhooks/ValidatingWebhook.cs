using System.Text.Json;
using FluentValidation;
using Ladder.Api;
using Ladder.Api.Meta;
using Ladder.Api.V1Alpha1;
using Ladder.Api.Validation;
using KubeStatus = Ladder.Api.Meta.Status;

namespace Ladder.Operator.Webhooks;

/// <summary>
/// The validating admission webhook: <c>POST /validate-ladder-dev-v1alpha1-{livestream|transcodeprofile|template}</c>
/// with an AdmissionReview v1, answered with the same uid, allowed or refused by the Ladder.Api validators (the same
/// rules the operator and the runner apply; lookups such as a missing profile are the reconciler's business). A refusal
/// carries code 422 and every field error (<c>spec.inputs[0].url: ...</c>). DELETE is always allowed.
/// </summary>
internal static class ValidatingWebhook
{
    /// <summary>The path for a kind's singular name, e.g. <c>/validate-ladder-dev-v1alpha1-livestream</c>.</summary>
    public static string PathFor(string singular) => $"/validate-{LadderApi.Group.Replace('.', '-')}-{LadderApi.Version}-{singular}";

    /// <summary>Maps the three endpoints.</summary>
    public static void MapValidatingWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(PathFor(LadderApi.Singulars.LiveStream), (HttpContext c) => HandleAsync<LiveStream>(c, new LiveStreamValidator()));
        endpoints.MapPost(PathFor(LadderApi.Singulars.TranscodeProfile), (HttpContext c) => HandleAsync<TranscodeProfile>(c, new TranscodeProfileValidator()));
        endpoints.MapPost(PathFor(LadderApi.Singulars.Template), (HttpContext c) => HandleAsync<Template>(c, new TemplateValidator()));
    }

    /// <summary>The verdict on one review (pure; the endpoint only reads and writes JSON).</summary>
    public static AdmissionReview Review<T>(AdmissionReview review, IValidator<T> validator)
    {
        var request = review.Request ?? throw new JsonException("the AdmissionReview has no request");
        var response = new AdmissionResponse { Uid = request.Uid, Allowed = true };
        if (request.Operation != "DELETE" && request.Object is { } json)
        {
            IReadOnlyList<FieldError> errors;
            try
            {
                var obj = json.Deserialize<T>(WireJson.Options) ?? throw new JsonException("the object is null");
                errors = validator.Validate(obj).ToFieldErrors();
            }
            catch (JsonException e)
            {
                errors = [new FieldError(e.Path?.TrimStart('$', '.') ?? "", e.Message)];
            }

            if (errors.Count > 0)
            {
                response.Allowed = false;
                response.Status = new KubeStatus
                {
                    Code = 422,
                    Reason = StatusReasons.Invalid,
                    Message = string.Join("; ", errors),
                    Details = new StatusDetails { Causes = [.. errors.Select(e => new StatusCause { Field = e.Path, Message = e.Message, Reason = "FieldValueInvalid" })] },
                };
            }
        }

        return new AdmissionReview { Response = response };
    }

    private static async Task HandleAsync<T>(HttpContext context, IValidator<T> validator)
    {
        AdmissionReview? review;
        try
        {
            review = await JsonSerializer.DeserializeAsync<AdmissionReview>(context.Request.Body, WireJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("the body is not an AdmissionReview: " + e.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (review?.Request is null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("the body is not an AdmissionReview with a request", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(Review(review, validator), WireJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
