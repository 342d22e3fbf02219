using System.IO.Compression;
using System.Xml.Linq;

namespace WeChatPay.Chain.Packaging.Tests;

/// <summary>What <c>dotnet pack WeChatPay.Chain.sln</c> makes (see <see cref="PackedSolution"/>), and the wxpay tool installed from it.</summary>
public class PackagesTests
{
    private static readonly string[] Libraries =
        ["WeChatPay.Chain", "WeChatPay.Chain.Testing", "WeChatPay.Chain.Simulator", "WeChatPay.Chain.AspNetCore", "WeChatPay.Chain.Extensions.DependencyInjection"];

    [Test]
    public void The_solution_packs_the_five_libraries_and_the_tool_with_symbols_and_nothing_else()
    {
        var version = PackedSolution.Version;
        var expected = Libraries.Append("wxpay").SelectMany(id => new[] { $"{id}.{version}.nupkg", $"{id}.{version}.snupkg" });

        Assert.That(Directory.GetFiles(PackedSolution.Packages).Select(Path.GetFileName), Is.EquivalentTo(expected));
    }

    [Test]
    public void The_library_package_holds_the_assembly_its_xml_documentation_and_the_readme()
    {
        using var package = ZipFile.OpenRead(PackedSolution.Package("WeChatPay.Chain"));

        Assert.That(package.Entries.Select(entry => entry.FullName),
            Is.SupersetOf(new[] { "lib/net10.0/WeChatPay.Chain.dll", "lib/net10.0/WeChatPay.Chain.xml", "README.md" }));
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.That(readme.ReadToEnd(), Is.EqualTo(File.ReadAllText(Path.Combine(Repository.Root, "README.md"))));
    }

    [Test]
    public void The_library_package_holds_a_netstandard2_0_build_with_its_own_dependencies()
    {
        using var package = ZipFile.OpenRead(PackedSolution.Package("WeChatPay.Chain"));
        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(PackedSolution.Package("WeChatPay.Chain"), ".snupkg"));
        var groups = Child(Metadata(PackedSolution.Package("WeChatPay.Chain")), "dependencies")!.Elements()
            .ToDictionary(group => group.Attribute("targetFramework")!.Value, group => group.Elements().Select(d => d.Attribute("id")!.Value).ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(package.Entries.Select(entry => entry.FullName),
                Is.SupersetOf(new[] { "lib/netstandard2.0/WeChatPay.Chain.dll", "lib/netstandard2.0/WeChatPay.Chain.xml" }));
            Assert.That(symbols.Entries.Select(entry => entry.FullName), Does.Contain("lib/netstandard2.0/WeChatPay.Chain.pdb"));
            Assert.That(groups.Keys, Is.EquivalentTo(new[] { "net10.0", ".NETStandard2.0" }));
            Assert.That(groups["net10.0"], Is.EquivalentTo(new[] { "Newtonsoft.Json", "Flurl.Http", "BouncyCastle.Cryptography" }),
                "net10.0 needs nothing beyond the BCL but Newtonsoft.Json, Flurl.Http and BouncyCastle.Cryptography for SM2, SM3 and SM4, which the BCL lacks");
            Assert.That(groups[".NETStandard2.0"], Is.SupersetOf(new[] { "Newtonsoft.Json", "Flurl.Http", "BouncyCastle.Cryptography", "Microsoft.Bcl.TimeProvider", "Microsoft.CSharp" }));
            Assert.That(groups.Values.SelectMany(ids => ids), Has.None.EqualTo("Portable.BouncyCastle"), "the deprecated BouncyCastle package, whose CVE fixes exist only in BouncyCastle.Cryptography");
        });
    }

    [Test]
    public void The_test_kit_serves_both_builds_of_the_library_and_carries_its_keys()
    {
        using var package = ZipFile.OpenRead(PackedSolution.Package("WeChatPay.Chain.Testing"));
        var groups = Child(Metadata(PackedSolution.Package("WeChatPay.Chain.Testing")), "dependencies")!.Elements()
            .ToDictionary(group => group.Attribute("targetFramework")!.Value, group => group.Elements().Select(d => d.Attribute("id")!.Value).ToArray());

        Assert.That(package.Entries.Select(entry => entry.FullName), Is.SupersetOf(new[] { "lib/net10.0/WeChatPay.Chain.Testing.dll", "lib/netstandard2.0/WeChatPay.Chain.Testing.dll" }));
        Assert.That(groups.Values, Has.All.Contains("WeChatPay.Chain"));
    }

    [Test]
    public void The_library_declares_Flurl_Http_as_the_range_of_its_major_version_on_every_build()
    {
        // A user's Flurl.Http 5 must fail at restore, not with a MissingMethodException at run time.
        var ranges = Child(Metadata(PackedSolution.Package("WeChatPay.Chain")), "dependencies")!.Elements()
            .SelectMany(group => group.Elements())
            .Where(dependency => dependency.Attribute("id")!.Value == "Flurl.Http")
            .Select(dependency => dependency.Attribute("version")!.Value)
            .ToList();

        Assert.That(ranges, Has.Count.EqualTo(2), "one per target framework");
        Assert.That(ranges, Is.All.EqualTo("[4.0.2, 5.0.0)"));
    }

    [TestCaseSource(nameof(Libraries))]
    [TestCase("wxpay")]
    public void Every_package_declares_the_MIT_licence_and_its_readme(string id)
    {
        var metadata = Metadata(PackedSolution.Package(id));
        using var package = ZipFile.OpenRead(PackedSolution.Package(id));

        Assert.Multiple(() =>
        {
            Assert.That(Child(metadata, "license")?.Value, Is.EqualTo("MIT"));
            Assert.That(Child(metadata, "license")?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(Child(metadata, "readme")?.Value, Is.EqualTo("README.md"));
            Assert.That(package.GetEntry("README.md"), Is.Not.Null);
            Assert.That(Child(metadata, "description")?.Value, Is.Not.Empty);
        });
    }

    [TestCaseSource(nameof(Libraries))]
    public void Every_library_ships_xml_documentation_and_symbols(string id)
    {
        using var package = ZipFile.OpenRead(PackedSolution.Package(id));
        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(PackedSolution.Package(id), ".snupkg"));

        Assert.That(package.Entries.Select(entry => entry.FullName), Does.Contain($"lib/net10.0/{id}.xml"));
        Assert.That(symbols.Entries.Select(entry => entry.FullName), Does.Contain($"lib/net10.0/{id}.pdb"));
    }

    [Test]
    public async Task The_tool_installs_from_the_local_package_and_runs_the_demo()
    {
        var scratch = PackedSolution.Scratch;
        var tools = Path.Combine(scratch, "tools");
        // Only the local directory as a source: the id 'wxpay' is never looked up on a public feed, where it could
        // belong to someone else, and nothing but this build's package can be installed.
        var config = Path.Combine(scratch, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{PackedSolution.Packages}" />
              </packageSources>
            </configuration>
            """);

        var installed = await DotnetCli.RunAsync(scratch, TimeSpan.FromMinutes(2),
            "tool", "install", "wxpay", "--tool-path", tools, "--configfile", config, "--version", PackedSolution.Version);
        Assert.That(installed.ExitCode, Is.EqualTo(0), installed.ToString());

        var demo = await DotnetCli.RunProgramAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "wxpay.exe" : "wxpay"), scratch, TimeSpan.FromMinutes(2), "demo");

        Assert.That(demo.ExitCode, Is.EqualTo(0), demo.ToString());
        Assert.That(demo.Output, Does.Contain("state=CREATED").And.Contain("state=USER_ACCEPTED").And.Contain("state=FINISHED").And.Contain("state=USER_PAID"));
        Assert.That(demo.Output, Does.Contain("PAYSCORE.USER_PAID: signature verified, resource decrypted"));
        Assert.That(demo.Output, Does.Contain("every step checked out"));
    }

    /// <summary>The nuspec's <c>metadata</c> element.</summary>
    private static XElement Metadata(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !entry.FullName.Contains('/')).Open();
        return XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(element => element.Name.LocalName == name);
}
