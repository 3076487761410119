namespace Ladder.Operator.Status;

/// <summary>
/// Why a stream cannot make progress until someone changes something (kstatus <c>Stalled</c>).
/// </summary>
/// <param name="Reason">A <c>ConditionReasons</c> value: <c>ProfileNotFound</c>, <c>TemplateNotFound</c>, <c>SecretNotFound</c> or <c>InvalidSpec</c>.</param>
/// <param name="Message">What is wrong, naming the field (<c>spec.profileRef.name: TranscodeProfile "hd" not found ...</c>); never a secret value.</param>
internal sealed record Stall(string Reason, string Message);
