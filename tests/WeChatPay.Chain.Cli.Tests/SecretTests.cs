using System.Security.Cryptography;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// A private key pasted where a <c>--cert</c> or <c>WECHATPAY_CERTS</c> entry belongs is refused without being echoed,
/// with every other setting valid so that nothing else stops the run first.
/// </summary>
public class SecretTests : SimulatorFixture
{
    private string[] Merchant => ["--mchid", Simulator.Profile.MchId, "--serial", Simulator.Profile.MerchantSerial,
        "--private-key", Simulator.Profile.PrivateKeyPath, "--base-uri", Simulator.BaseUri.ToString()];

    /// <summary>A fresh PKCS#8 private key in PEM, with or without <c>=</c> padding in its base64 body.</summary>
    private static string NewPrivateKeyPem(bool padded)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var rsa = RSA.Create(2048);
            var pem = rsa.ExportPkcs8PrivateKeyPem();
            if (pem.Contains('=') == padded) return pem;
        }
        Assert.Inconclusive("no key of the wanted shape in 200 tries");
        return "";
    }

    /// <summary>Every 24-character stretch of the key's base64 body.</summary>
    private static IEnumerable<string> Fragments(string pem)
    {
        var body = string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
        for (var i = 0; i + 24 <= body.Length; i++) yield return body.Substring(i, 24);
    }

    private static void AssertRefusedWithoutEcho(Cli.Result result, string pem)
    {
        Assert.That(result.Code, Is.EqualTo(64), result.Err);
        var leaked = Fragments(pem).Where(fragment => result.Err.Contains(fragment, StringComparison.Ordinal) || result.Out.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.That(leaked, Is.Empty, "no part of the private key is printed: " + result.Err);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_private_key_given_as_a_cert_is_not_echoed(bool padded)
    {
        var pem = NewPrivateKeyPem(padded);

        AssertRefusedWithoutEcho(await Cli.RunAsync(["get", "v3/certificates", .. Merchant, "--cert", pem]), pem);
    }

    [Test]
    public async Task A_private_key_given_as_a_cert_id_is_not_echoed()
    {
        var pem = NewPrivateKeyPem(padded: false);

        AssertRefusedWithoutEcho(await Cli.RunAsync(["get", "v3/certificates", .. Merchant, "--cert", pem + "=" + Simulator.Profile.PlatformCertificatePath]), pem);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_private_key_in_wechatpay_certs_is_not_echoed(bool padded)
    {
        var pem = NewPrivateKeyPem(padded);

        AssertRefusedWithoutEcho(await Cli.RunAsync(["get", "v3/certificates", .. Merchant], new Dictionary<string, string> { [Credentials.CertsVariable] = pem }), pem);
    }

    [Test]
    public async Task A_query_argument_without_a_name_is_described_not_echoed()
    {
        var (code, _, error) = await Cli.RunAsync(["get", "v3/x", "--query", "a=b", "--query", "secret-looking-value"]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.Contain("--query").And.Contain("name=value").And.Contain("#2").And.Not.Contain("secret-looking-value"));
    }
}
