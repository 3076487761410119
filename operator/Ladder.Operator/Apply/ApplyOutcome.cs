namespace Ladder.Operator.Apply;

/// <summary>What a server-side apply did (controller-runtime <c>OperationResult</c>).</summary>
internal enum ApplyOutcome
{
    /// <summary>The object did not exist and was created.</summary>
    Created,

    /// <summary>The object differed from the desired state (a change or drift) and was applied.</summary>
    Updated,

    /// <summary>The object already matched; nothing was sent.</summary>
    Unchanged,
}
