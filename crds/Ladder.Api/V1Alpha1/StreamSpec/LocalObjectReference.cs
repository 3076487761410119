using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>A reference to an object in the same namespace.</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the object.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    public string? Name { get; set; }
}
