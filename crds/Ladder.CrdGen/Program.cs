using Ladder.CrdGen;

// ladder-crdgen: writes crds/ladder.dev_*.yaml from the C# types in crds/Ladder.Api.
//   dotnet run --project crds/Ladder.CrdGen -c Release -- --out crds
var outDir = "crds";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outDir = args[++i];
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: Ladder.CrdGen [--out DIR]   write one CRD YAML per custom resource into DIR (default: crds)");
            return 0;
        default:
            await Console.Error.WriteLineAsync($"unknown argument \"{args[i]}\"; usage: Ladder.CrdGen [--out DIR]");
            return 2;
    }
}
var changed = CrdGenerator.WriteAll(outDir);
foreach (var crd in CrdGenerator.GenerateAll())
{
    var path = Path.Combine(outDir, crd.FileName);
    Console.WriteLine($"{(changed.Contains(path) ? "wrote    " : "unchanged")} {path}");
}
return 0;
