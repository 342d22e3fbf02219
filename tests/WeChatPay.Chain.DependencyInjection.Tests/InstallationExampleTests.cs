using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeChatPay.Chain.Extensions.DependencyInjection;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>
/// The appsettings.json of docs/installation.md, exactly as shown, binds and makes a working client: its bare key paths
/// are read as files relative to the current directory (the content root of an app started the usual way).
/// </summary>
[NonParallelizable]
public class InstallationExampleTests
{
    [Test]
    public void The_documented_appsettings_json_makes_a_client_with_its_key_files()
    {
        var json = AppSettingsBlock();
        Assert.That(json, Does.Contain("\"PrivateKey\": \"keys/apiclient_key.pem\""), "the example uses a bare relative path");
        using var merchant = new GeneratedMerchant("1900000001");
        var contentRoot = merchant.Directory;
        Directory.CreateDirectory(Path.Combine(contentRoot, "keys"));
        File.Copy(merchant.PrivateKeyPath, Path.Combine(contentRoot, "keys", "apiclient_key.pem"));
        File.Copy(merchant.PublicKeyPath, Path.Combine(contentRoot, "keys", "pub_key.pem"));
        var before = Environment.CurrentDirectory;

        WeChatPayClient client;
        try
        {
            Environment.CurrentDirectory = contentRoot;
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            var configuration = new ConfigurationBuilder()
                .AddJsonStream(stream)
                .AddInMemoryCollection([new("WeChatPay:ApiV3Key", "0123456789abcdef0123456789abcdef")]) // kept out of the file, as the page says
                .Build();
            var services = new ServiceCollection();
            services.AddWeChatPay("shop", configuration.GetSection("WeChatPay"));
            client = services.BuildServiceProvider().GetRequiredService<IWeChatPayClientFactory>().Get("shop");
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }

        Assert.That(client.MchId, Is.EqualTo("1900000001"));
        Assert.That(client.PlatformKeys.Ids, Is.EquivalentTo(new[] { "PUB_KEY_ID_0119000000012025000000000000" }));
    }

    /// <summary>The page's first <c>json</c> block that configures a client.</summary>
    private static string AppSettingsBlock()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root");
        var page = File.ReadAllText(Path.Combine(root!.FullName, "docs", "installation.md"));
        var start = page.IndexOf("```json\n{\n  \"WeChatPay\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/installation.md shows an appsettings.json");
        start += "```json\n".Length;
        return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
