using System.Text.Json;

namespace Ladder.Operator.Webhooks;

/// <summary>The request part of an AdmissionReview (the fields a validating webhook reads).</summary>
internal sealed class AdmissionRequest
{
    /// <summary>Identifies this admission call; echoed in the response.</summary>
    public string? Uid { get; set; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string? Operation { get; set; }

    /// <summary>The object as it would be stored (null on DELETE).</summary>
    public JsonElement? Object { get; set; }
}
