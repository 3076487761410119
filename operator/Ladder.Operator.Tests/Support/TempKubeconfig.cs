namespace Ladder.Operator.Tests.Support;

/// <summary>A kubeconfig file in a temp directory pointing at a server (bearer token <c>test-token</c>); deleted on dispose.</summary>
internal sealed class TempKubeconfig : IDisposable
{
    public TempKubeconfig(Uri server, string @namespace = "ladder-system")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ladder-kubeconfig-").FullName;
        Path = System.IO.Path.Combine(Directory, "config");
        File.WriteAllText(Path, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {server.ToString().TrimEnd('/')}
            users:
              - name: operator
                user:
                  token: test-token
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: operator
                  namespace: {@namespace}
            current-context: fake
            """);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
