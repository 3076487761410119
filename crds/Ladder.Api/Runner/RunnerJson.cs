using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ladder.Api.Runner;

/// <summary>
/// JSON settings of the runner admin API's bodies (<see cref="RunnerStatus"/>, <see cref="ReloadPlan"/>): camelCase,
/// nulls omitted on write, enums by wire name, times RFC 3339. Unknown fields are ignored on read, so a newer runner
/// can add fields without breaking an older operator.
/// </summary>
public static class RunnerJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
