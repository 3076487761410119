using System.CommandLine;
using Ladder.Api.Pipeline;
using Ladder.Api.Runner;
using Ladder.Runner.Hosting;
using Ladder.Runner.Pipeline;

namespace Ladder.Runner.Cli;

/// <summary>
/// <c>ladder-runner run -f manifest.yaml [--stream name] [--http host:port] [--output-dir dir]</c> or
/// <c>ladder-runner run --spec pipeline.json</c>: runs one stream's pipeline and serves its origin until SIGINT or
/// SIGTERM, then drains the pipeline and stops. Exits 2 when the manifest or spec is invalid, 1 when the runner
/// cannot start (port in use, FFmpeg missing, the pipeline refused the spec), 0 after a clean shutdown.
/// </summary>
internal static partial class RunCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="createRuntime">Creates the media side for the spec (the real pipeline and packager, or a fake in tests).</param>
    public static Command Create(Func<IServiceProvider, IPipelineRuntime> createRuntime)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "A manifest file holding the LiveStream and its TranscodeProfile/Template/Secrets." };
        var spec = new Option<FileInfo>("--spec") { Description = "A PipelineSpec JSON file (what the operator hands a runner), instead of --file." };
        var stream = new Option<string>("--stream") { Description = "Which LiveStream of the manifest to run (name or namespace/name); needed when it has several." };
        var http = new Option<string>("--http") { Description = "Where the origin, status, metrics and player page listen (host:port).", DefaultValueFactory = _ => HttpAddress.Default };
        var outputDir = new Option<DirectoryInfo>("--output-dir") { Description = "Also write the playlists and segments to this directory." };
        var adminToken = new Option<string>("--admin-token") { Description = $"Standalone (--file) only: the admin API's bearer token when {RunnerAdminApi.TokenEnvironmentVariable} is not set." };
        var command = new Command("run", "Run one live stream: ingest, transcode the ladder, serve HLS and DASH.") { file, spec, stream, http, outputDir, adminToken };
        command.Validators.Add(result =>
        {
            var hasFile = result.GetResult(file) is not null;
            var hasSpec = result.GetResult(spec) is not null;
            if (hasFile == hasSpec)
            {
                result.AddError("give either --file <manifest.yaml> or --spec <pipeline.json>");
            }
            else if (hasSpec && result.GetResult(stream) is not null)
            {
                result.AddError("--stream selects a LiveStream of a manifest; it does not apply to --spec");
            }
            else if (hasSpec && result.GetResult(adminToken) is not null)
            {
                result.AddError($"--admin-token is for standalone runs (--file); with --spec the token comes from {RunnerAdminApi.TokenEnvironmentVariable}");
            }
            if (HttpAddress.TryParse(result.GetValue(http) ?? HttpAddress.Default, out var error) is null)
            {
                result.AddError(error!);
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var config = parseResult.InvocationConfiguration;
            PipelineSpec pipeline;
            try
            {
                pipeline = parseResult.GetValue(spec) is { } specFile
                    ? PipelineSpecLoader.FromSpecFile(specFile.FullName)
                    : PipelineSpecLoader.FromManifest(parseResult.GetRequiredValue(file).FullName, parseResult.GetValue(stream));
            }
            catch (SpecLoadException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    await config.Error.WriteLineAsync(problem).ConfigureAwait(false);
                }
                return ExitCodes.Invalid;
            }
            var token = Environment.GetEnvironmentVariable(RunnerAdminApi.TokenEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : parseResult.GetValue(adminToken);
            var settings = new RunnerSettings(
                pipeline, HttpAddress.TryParse(parseResult.GetRequiredValue(http), out _)!, parseResult.GetValue(outputDir)?.FullName, token, parseResult.GetValue(spec)?.FullName);
            return await RunAsync(settings, createRuntime, config.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the web application until shutdown; returns the exit code.</summary>
    private static async Task<int> RunAsync(RunnerSettings settings, Func<IServiceProvider, IPipelineRuntime> createRuntime, TextWriter error, CancellationToken cancellationToken)
    {
        var app = RunnerApp.Build(settings, createRuntime);
        await using (app.ConfigureAwait(false))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ladder.Runner");
            LogSpec(logger, settings.Spec.Stream, settings.Spec.Generation, settings.Spec);
            if (string.IsNullOrEmpty(settings.AdminToken))
            {
                LogAdminDisabled(logger, RunnerAdminApi.TokenEnvironmentVariable);
            }
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                var message = $"ladder-runner: cannot listen on {settings.Http.Authority}: {ex.Message}; choose another address with --http host:port";
                await error.WriteLineAsync(message).ConfigureAwait(false);
                TerminationLog.Write(message);
                return ExitCodes.Failure;
            }
            foreach (var url in app.Urls)
            {
                LogPlayer(logger, url);
            }
            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
            var lifecycle = app.Services.GetRequiredService<RunnerLifecycle>();
            if (lifecycle.State != RunnerState.Failed)
            {
                return ExitCodes.Ok;
            }

            TerminationLog.Write("the pipeline failed: " + (lifecycle.LastError ?? "no error recorded"));
            return ExitCodes.Failure;
        }
    }

    // The spec logs as its redacted JSON (PipelineSpec.ToString): stream keys and passphrases never reach the log.
    [LoggerMessage(Level = LogLevel.Information, Message = "Running stream {Stream} generation {Generation}: {Spec}")]
    private static partial void LogSpec(ILogger logger, StreamIdentity stream, long generation, PipelineSpec spec);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API disabled: {Variable} is not set (standalone: --admin-token); PUT /v1/pipeline and POST /v1/inputs/{{name}}/activate answer 403, /v1/status is open")]
    private static partial void LogAdminDisabled(ILogger logger, string variable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Player page: {Url}/ (HLS {Url}/hls/master.m3u8, DASH {Url}/dash/manifest.mpd, status {Url}/v1/status)")]
    private static partial void LogPlayer(ILogger logger, string url);
}
