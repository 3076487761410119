namespace Ladder.Api.V1Alpha1;

/// <summary>Well-known condition reasons (CamelCase).</summary>
public static class ConditionReasons
{
    /// <summary>Spec resolved and the runner is publishing.</summary>
    public const string Publishing = "Publishing";

    /// <summary>The spec is valid (profiles and templates).</summary>
    public const string Valid = "Valid";

    /// <summary>The spec failed validation or resolution; the message lists the field errors.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The referenced TranscodeProfile does not exist.</summary>
    public const string ProfileNotFound = "ProfileNotFound";

    /// <summary>The referenced Template does not exist.</summary>
    public const string TemplateNotFound = "TemplateNotFound";

    /// <summary>A referenced Secret or key does not exist.</summary>
    public const string SecretNotFound = "SecretNotFound";

    /// <summary>The runner pod is being created or is starting.</summary>
    public const string RunnerStarting = "RunnerStarting";

    /// <summary>The runner is applying a new PipelineSpec.</summary>
    public const string Reloading = "Reloading";

    /// <summary>The runner container keeps crashing (CrashLoopBackOff); the message carries its last termination message.</summary>
    public const string RunnerCrashLooping = "RunnerCrashLooping";

    /// <summary>The runner container was killed for exceeding its memory limit (OOMKilled) and keeps being restarted.</summary>
    public const string RunnerOOMKilled = "RunnerOOMKilled";

    /// <summary>The scheduler cannot place the runner pod (e.g. no node has a free GPU).</summary>
    public const string RunnerUnschedulable = "RunnerUnschedulable";

    /// <summary>The runner image cannot be pulled (ErrImagePull, ImagePullBackOff, InvalidImageName).</summary>
    public const string RunnerImagePullFailed = "RunnerImagePullFailed";

    /// <summary>The runner container cannot be created or started (e.g. a missing Secret or ConfigMap it mounts).</summary>
    public const string RunnerCannotStart = "RunnerCannotStart";

    /// <summary>The runner reported phase <c>failed</c>, or its pod failed.</summary>
    public const string RunnerFailed = "RunnerFailed";

    /// <summary>The stream is paused (spec.paused).</summary>
    public const string Paused = "Paused";

    /// <summary>No input has delivered packets yet.</summary>
    public const string WaitingForInput = "WaitingForInput";

    /// <summary>The active input delivers packets.</summary>
    public const string InputActive = "InputActive";

    /// <summary>The runner switched to a backup input.</summary>
    public const string FailedOver = "FailedOver";

    /// <summary>Every input timed out.</summary>
    public const string AllInputsDown = "AllInputsDown";
}
