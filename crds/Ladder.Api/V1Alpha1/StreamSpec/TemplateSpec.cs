namespace Ladder.Api.V1Alpha1;

/// <summary>A partial LiveStream spec; every field is optional.</summary>
public sealed class TemplateSpec : LiveStreamSpecBase;
