using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Testing;

/// <summary>The PEM files of the test keys, embedded in this assembly, each loaded once.</summary>
internal static class TestKeyFiles
{
    /// <summary>The text of an embedded key file.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(TestKeyFiles).Assembly.GetManifestResourceStream("WeChatPay.Chain.Testing.Keys." + name)
            ?? throw new InvalidOperationException($"The test key file {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>An RSA key read from an embedded file on first use.</summary>
    public static Lazy<RSA> Private(string name) => new(() => Rsa.LoadPrivateKey(Text(name)));

    /// <summary>An RSA public key read from an embedded file (a public key or a certificate) on first use.</summary>
    public static Lazy<RSA> Public(string name) => new(() => Rsa.LoadPublicKey(Text(name)));
}
