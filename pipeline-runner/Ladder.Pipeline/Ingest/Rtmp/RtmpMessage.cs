namespace Ladder.Pipeline.Ingest.Rtmp;

/// <summary>One RTMP message, reassembled from its chunks (Adobe RTMP specification section 6.1).</summary>
/// <param name="Type">The message type id: 1 Set Chunk Size, 2 Abort, 3 Acknowledgement, 4 User Control, 5 Window
/// Acknowledgement Size, 6 Set Peer Bandwidth, 8 audio, 9 video, 18 AMF0 data, 20 AMF0 command.</param>
/// <param name="StreamId">The message stream id (0 for control and connection commands).</param>
/// <param name="Timestamp">Milliseconds, 32 bits, wrapping.</param>
/// <param name="Payload">The message body.</param>
internal sealed record RtmpMessage(byte Type, uint StreamId, uint Timestamp, byte[] Payload)
{
    /// <summary>Set Chunk Size (protocol control).</summary>
    public const byte SetChunkSize = 1;

    /// <summary>Abort Message (protocol control).</summary>
    public const byte Abort = 2;

    /// <summary>Acknowledgement (protocol control).</summary>
    public const byte Acknowledgement = 3;

    /// <summary>User Control Message.</summary>
    public const byte UserControl = 4;

    /// <summary>Window Acknowledgement Size (protocol control).</summary>
    public const byte WindowAcknowledgementSize = 5;

    /// <summary>Set Peer Bandwidth (protocol control).</summary>
    public const byte SetPeerBandwidth = 6;

    /// <summary>Audio data (an FLV audio tag body).</summary>
    public const byte Audio = 8;

    /// <summary>Video data (an FLV video tag body).</summary>
    public const byte Video = 9;

    /// <summary>AMF0 data message (metadata, e.g. <c>@setDataFrame</c> <c>onMetaData</c>).</summary>
    public const byte Data = 18;

    /// <summary>AMF0 command message (connect, createStream, publish...).</summary>
    public const byte Command = 20;
}
