namespace Ladder.Api;

/// <summary>Names of the <c>ladder.dev</c> API: group, version, kinds, resources, short names.</summary>
public static class LadderApi
{
    /// <summary>The API group.</summary>
    public const string Group = "ladder.dev";

    /// <summary>The served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>ladder.dev/v1alpha1</c>, the <c>apiVersion</c> of every object in this API.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The category every kind is in: <c>kubectl get ladder</c> lists them all.</summary>
    public const string Category = "ladder";

    /// <summary>Kind names.</summary>
    public static class Kinds
    {
        /// <summary>A live channel: inputs, profile, outputs.</summary>
        public const string LiveStream = "LiveStream";

        /// <summary>An ABR ladder and codec settings shared by streams.</summary>
        public const string TranscodeProfile = "TranscodeProfile";

        /// <summary>A partial LiveStream spec that streams inherit from.</summary>
        public const string Template = "Template";
    }

    /// <summary>Plural resource names (the URL path segment).</summary>
    public static class Plurals
    {
        /// <summary><c>livestreams</c>.</summary>
        public const string LiveStreams = "livestreams";

        /// <summary><c>transcodeprofiles</c>.</summary>
        public const string TranscodeProfiles = "transcodeprofiles";

        /// <summary><c>templates</c>.</summary>
        public const string Templates = "templates";
    }

    /// <summary>Singular resource names.</summary>
    public static class Singulars
    {
        /// <summary><c>livestream</c>.</summary>
        public const string LiveStream = "livestream";

        /// <summary><c>transcodeprofile</c>.</summary>
        public const string TranscodeProfile = "transcodeprofile";

        /// <summary><c>template</c>.</summary>
        public const string Template = "template";
    }

    /// <summary>Short names for kubectl.</summary>
    public static class ShortNames
    {
        /// <summary><c>kubectl get ls</c>.</summary>
        public const string LiveStream = "ls";

        /// <summary><c>kubectl get tp</c>.</summary>
        public const string TranscodeProfile = "tp";

        /// <summary><c>kubectl get lt</c> (ladder template).</summary>
        public const string Template = "lt";
    }

    /// <summary>The CRD object name of a plural: <c>livestreams.ladder.dev</c>.</summary>
    public static string CrdName(string plural) => plural + "." + Group;
}
