using Ladder.Api.Schema;

namespace Ladder.Api.V1Alpha1;

/// <summary>Video and audio encoding settings: the ABR ladder.</summary>
public sealed class TranscodeProfileSpec
{
    /// <summary>Video codec, acceleration, GOP and the renditions of the ladder.</summary>
    [Required]
    public VideoSpec? Video { get; set; }

    /// <summary>Audio encoding, shared by every rendition. Defaults: aac, 128k, 2 channels, 48000 Hz.</summary>
    public AudioSpec? Audio { get; set; }
}
