using Ladder.Runner.Tests.Support;

namespace Ladder.Runner.Tests.Push;

/// <summary>
/// nginx with Debian's <c>libnginx-mod-rtmp</c> as a real RTMP server on 127.0.0.1: a generated config in a temp
/// directory (pid, logs, temp paths and recordings there), <c>daemon off; master_process off;</c>, application
/// <c>live</c> with <c>record all</c>, and with a relay URL <c>push</c> to it: nginx then is an RTMP client of that
/// URL for every stream published to it. <see cref="Stop"/> kills it; <see cref="StartAsync(TimeSpan)"/> starts it again on the same port.
/// </summary>
internal sealed class NginxRtmpServer : IDisposable
{
    private static readonly string[] ModuleCandidates = ["/usr/lib/nginx/modules/ngx_rtmp_module.so", "/usr/share/nginx/modules/ngx_rtmp_module.so"];
    private readonly string _config;
    private ExternalProcess? _process;

    private NginxRtmpServer(string dir, int port, string? relayTo)
    {
        Directory = dir;
        Port = port;
        _config = Path.Combine(dir, "nginx.conf");
        RecordPath = Path.Combine(dir, "rec");
        System.IO.Directory.CreateDirectory(RecordPath);
        File.WriteAllText(_config, $$"""
            load_module {{ModulePath()}};
            daemon off;
            master_process off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log info;
            events { worker_connections 64; }
            rtmp {
                server {
                    listen 127.0.0.1:{{port}};
                    application live {
                        live on;
                        record all;
                        record_unique on;
                        record_path {{RecordPath}};
                        {{(relayTo is null ? string.Empty : $"push {relayTo};")}}
                    }
                }
            }
            """);
    }

    public string Directory { get; }

    public int Port { get; }

    public string RecordPath { get; }

    public string Log => (_process?.Output ?? "") + (File.Exists(Path.Combine(Directory, "error.log")) ? File.ReadAllText(Path.Combine(Directory, "error.log")) : "");

    /// <summary>Writes the config and starts nginx; waits until it accepts TCP connections.</summary>
    /// <param name="relayTo">An RTMP URL (<c>rtmp://host:port/app/name</c>) to relay every published stream to; null for none.</param>
    public static async Task<NginxRtmpServer> StartAsync(string? relayTo = null)
    {
        var server = new NginxRtmpServer(System.IO.Directory.CreateTempSubdirectory("ladder-nginx-").FullName, FreePort.Tcp(), relayTo);
        try
        {
            await server.StartAsync(TimeSpan.FromSeconds(10));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts nginx (again) on the same port; waits until it accepts connections.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        _process?.Dispose();
        _process = ExternalProcess.Start("nginx", "-c", _config, "-p", Directory + "/", "-e", Path.Combine(Directory, "error.log"));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new InvalidOperationException($"nginx does not listen on {Port}: {ex.Message}\n{Log}", ex);
            }
        }
    }

    /// <summary>Kills nginx (SIGKILL): open connections break at once.</summary>
    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private static string ModulePath()
    {
        var available = "/usr/share/nginx/modules-available/mod-rtmp.conf";
        var candidates = ModuleCandidates.ToList();
        if (File.Exists(available) && File.ReadAllText(available).Split(' ', ';', '\n').FirstOrDefault(w => w.EndsWith(".so", StringComparison.Ordinal)) is { } relative)
        {
            candidates.Add(Path.Combine("/usr/share/nginx", relative));
        }
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"nginx's RTMP module is missing (looked for {string.Join(", ", candidates)}); run `bash hack/install-deps.sh` to install nginx and libnginx-mod-rtmp");
    }
}
