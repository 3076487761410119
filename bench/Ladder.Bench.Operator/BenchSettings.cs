using System.Globalization;

namespace Ladder.Bench.Operator;

/// <summary>The command line: <c>ladder-bench-operator [--streams 500] [--idle-seconds N] [--workers 2] [--status-wait 300]</c>.</summary>
/// <param name="Streams">LiveStreams to create.</param>
/// <param name="IdleSeconds">How long to measure the operator once every stream is Ready and nothing changes (default: the status wait plus 30 s, so every held request ends inside the window once).</param>
/// <param name="Workers">Reconcile workers of the livestream controller (the operator's default is 2).</param>
/// <param name="StatusWait">Seconds a runner holds one status request (default <c>OperatorOptions.StatusWait</c>'s, 300).</param>
internal sealed record BenchSettings(int Streams, int IdleSeconds, int Workers, int StatusWait)
{
    /// <summary>Parses the flags; unknown flags throw <see cref="ArgumentException"/> naming them.</summary>
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(500, 0, 2, (int)new Ladder.Operator.Hosting.OperatorOptions().StatusWait.TotalSeconds);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--streams" => settings with { Streams = value },
                "--idle-seconds" => settings with { IdleSeconds = value },
                "--workers" => settings with { Workers = value },
                "--status-wait" => settings with { StatusWait = value },
                _ => throw new ArgumentException($"unknown flag {args[i]}; use --streams N, --idle-seconds N, --workers N, --status-wait N"),
            };
            i++;
        }

        return settings.IdleSeconds > 0 ? settings : settings with { IdleSeconds = settings.StatusWait + 30 };
    }
}
