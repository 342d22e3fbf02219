namespace WeChatPay.Chain.Reliability.Tests.Catalogue;

/// <summary>Where the repository and the built test assemblies are, found from this test assembly's own folder.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>WeChatPay.Chain.sln</c>.</summary>
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "WeChatPay.Chain.sln"))) return folder.FullName;
            throw new InvalidOperationException($"No WeChatPay.Chain.sln above {TestContext.CurrentContext.TestDirectory}.");
        }
    }

    /// <summary>The built assembly of a test project under <c>tests/</c>, in the configuration and framework this one was built for.</summary>
    public static string AssemblyOf(string project)
    {
        var here = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        return Path.Combine(Root, "tests", project, "bin", configuration, framework, project + ".dll");
    }
}
