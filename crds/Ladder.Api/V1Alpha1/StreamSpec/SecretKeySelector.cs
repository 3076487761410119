using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Selects a key of a Secret in the same namespace (core/v1 SecretKeySelector).</summary>
public sealed class SecretKeySelector
{
    /// <summary>Name of the Secret.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; set; }

    /// <summary>Key in the Secret's data.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Key { get; set; }
}
