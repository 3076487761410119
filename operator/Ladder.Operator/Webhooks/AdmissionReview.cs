namespace Ladder.Operator.Webhooks;

/// <summary>An <c>admission.k8s.io/v1</c> AdmissionReview: the API server sends <see cref="Request"/>, the webhook answers with <see cref="Response"/> and the same uid.</summary>
internal sealed class AdmissionReview
{
    /// <summary><c>admission.k8s.io/v1</c>.</summary>
    public string? ApiVersion { get; set; } = "admission.k8s.io/v1";

    /// <summary><c>AdmissionReview</c>.</summary>
    public string? Kind { get; set; } = "AdmissionReview";

    /// <summary>The object under admission.</summary>
    public AdmissionRequest? Request { get; set; }

    /// <summary>The verdict.</summary>
    public AdmissionResponse? Response { get; set; }
}
