using System.Collections;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The keys responses are verified with, looked up by the <c>Wechatpay-Serial</c> header: platform certificate
/// serials and <c>PUB_KEY_ID_…</c> public-key ids side by side in one map. Immutable and safe to share.
/// </summary>
public sealed class PlatformKeys : IReadOnlyDictionary<string, RSA>
{
    /// <summary>The prefix of WeChat Pay public-key ids.</summary>
    public const string PublicKeyIdPrefix = "PUB_KEY_ID_";

    private readonly Dictionary<string, RSA> _keys;

    private PlatformKeys(Dictionary<string, RSA> keys, Dictionary<string, DateTime> certificateExpiries)
    {
        _keys = keys;
        EncryptionKeyId = keys.Keys.FirstOrDefault(id => id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal))
            ?? certificateExpiries.OrderByDescending(e => e.Value).Select(e => e.Key).FirstOrDefault()
            ?? keys.Keys.First();
    }

    /// <summary>
    /// The key sensitive fields are encrypted for: the WeChat Pay public key (<c>PUB_KEY_ID_…</c>) when there is one,
    /// else the platform certificate that expires last. Its id goes in the request's <c>Wechatpay-Serial</c> header.
    /// </summary>
    public string EncryptionKeyId { get; }

    /// <summary>
    /// Loads every entry of a <c>Certs</c> map once. Values may be <see cref="RSA"/>, <see cref="X509Certificate2"/>,
    /// PEM public keys or certificates, or <c>file://</c> paths. Refuses the merchant's own serial, an empty map,
    /// and a certificate filed under a serial that is not its own.
    /// </summary>
    /// <param name="certs">Serial or public-key id to key.</param>
    /// <param name="merchantSerial">The merchant certificate serial, which must not be among them.</param>
    /// <exception cref="ConfigurationException">The map is unusable; the message says why and how to fix it.</exception>
    public static PlatformKeys Load(IEnumerable<KeyValuePair<string, object>>? certs, string merchantSerial)
    {
        var keys = new Dictionary<string, RSA>(StringComparer.OrdinalIgnoreCase);
        var expiries = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, value) in certs ?? [])
        {
            var setting = $"Certs[\"{id}\"]";
            if (string.IsNullOrWhiteSpace(id)) throw new ConfigurationException("Certs has an empty serial. Key each entry by the platform certificate serial or the PUB_KEY_ID_… id.");
            if (SameSerial(id, merchantSerial)) throw MerchantSerialInCerts(id);
            var (certificate, owned) = id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal) ? (null, false) : CertificateOf(value, setting);
            if (certificate is null)
            {
                keys[id] = Rsa.LoadPublicKey(value, setting);
                continue;
            }
            try
            {
                var actual = Rsa.CertificateSerial(certificate);
                if (SameSerial(actual, merchantSerial)) throw MerchantSerialInCerts(actual);
                if (!SameSerial(actual, id))
                    throw new ConfigurationException($"{setting} holds the certificate with serial {actual}. Key it by its own serial, which WeChat Pay sends in Wechatpay-Serial.");
                keys[id] = Rsa.LoadPublicKey(certificate, setting);
                expiries[id] = certificate.NotAfter;
            }
            finally
            {
                if (owned) certificate.Dispose();
            }
        }
        if (keys.Count == 0)
            throw new ConfigurationException("Certs is empty: responses cannot be verified without WeChat Pay's key. Add the platform public key as Certs[\"PUB_KEY_ID_…\"] (merchant platform → API security → WeChat Pay public key), or a platform certificate under its serial (download it with `wxpay certificates`).");
        return new PlatformKeys(keys, expiries);
    }

    /// <inheritdoc />
    public RSA this[string key] => _keys[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _keys.Keys;

    /// <inheritdoc />
    public IEnumerable<RSA> Values => _keys.Values;

    /// <inheritdoc />
    public int Count => _keys.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _keys.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out RSA value) => _keys.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, RSA>> GetEnumerator() => _keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool SameSerial(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The certificate a <c>Certs</c> value holds, if it is one, and whether it was created here (and so is ours to dispose).</summary>
    private static (X509Certificate2? Certificate, bool Owned) CertificateOf(object value, string setting)
    {
        if (value is X509Certificate2 certificate) return (certificate, false);
        if (value is not string text) return (null, false);
        if (text.StartsWith(Rsa.FilePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[Rsa.FilePrefix.Length..];
            if (!File.Exists(path)) return (null, false); // LoadPublicKey reports the unreadable file.
            text = File.ReadAllText(path);
        }
        return PemEncoding.TryFind(text, out var fields) && text.AsSpan()[fields.Label].SequenceEqual("CERTIFICATE")
            ? (Rsa.LoadCertificate(text, setting), true)
            : (null, false);
    }

    private static ConfigurationException MerchantSerialInCerts(string serial) => new(
        $"Certs contains {serial}, the merchant's own certificate serial. Certs verifies what WeChat Pay sends, so it takes " +
        "WeChat Pay's platform certificates (serials from GET /v3/certificates) or the WeChat Pay public key (PUB_KEY_ID_…), " +
        "never the merchant API certificate apiclient_cert.pem, whose serial goes in Serial and whose private key in PrivateKey.");
}
