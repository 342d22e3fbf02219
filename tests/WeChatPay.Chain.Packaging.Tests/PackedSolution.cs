namespace WeChatPay.Chain.Packaging.Tests;

/// <summary>
/// <c>dotnet pack WeChatPay.Chain.sln -c Release</c>, once for every test here, into a temporary directory with its own
/// build output (<c>--artifacts-path</c>). The repository's bin/ and obj/ are never touched, so this can run while
/// <c>dotnet test</c> is still building the other projects of the solution.
/// </summary>
[SetUpFixture]
public class PackedSolution
{
    private static string? _scratch;

    /// <summary>The temporary directory everything goes into; deleted at the end.</summary>
    public static string Scratch => _scratch ?? throw new InvalidOperationException("The solution has not been packed.");

    /// <summary>Where the .nupkg and .snupkg files are.</summary>
    public static string Packages => Path.Combine(Scratch, "packages");

    /// <summary>The Release build output of the packed projects, in the SDK's artifacts layout.</summary>
    public static string Artifacts => Path.Combine(Scratch, "artifacts");

    /// <summary>The version the packages were made with, read from the tool's file name.</summary>
    public static string Version { get; private set; } = "";

    /// <summary>The path of the package with this id.</summary>
    public static string Package(string id) => Path.Combine(Packages, $"{id}.{Version}.nupkg");

    [OneTimeSetUp]
    public async Task Pack()
    {
        _scratch = Repository.NewTemporaryDirectory("packaging");
        var packed = await DotnetCli.RunAsync(Repository.Root, TimeSpan.FromMinutes(8),
            "pack", Repository.Solution, "-c", "Release", "-o", Packages, "--artifacts-path", Artifacts);
        Assert.That(packed.ExitCode, Is.EqualTo(0), packed.ToString());
        var tool = Path.GetFileName(Directory.GetFiles(Packages, "wxpay.*.nupkg").Single());
        Version = tool["wxpay.".Length..^".nupkg".Length];
    }

    [OneTimeTearDown]
    public void Delete() => Repository.TryDelete(_scratch);
}
