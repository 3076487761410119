using KubeStatus = Ladder.Api.Meta.Status;

namespace Ladder.Operator.Webhooks;

/// <summary>The response part of an AdmissionReview.</summary>
internal sealed class AdmissionResponse
{
    /// <summary>The request's uid.</summary>
    public string? Uid { get; set; }

    /// <summary>True to admit the object.</summary>
    public bool Allowed { get; set; }

    /// <summary>Why it was refused: code 422, reason Invalid, the field errors in the message and as causes.</summary>
    public KubeStatus? Status { get; set; }
}
