using System.Collections;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Certificates;

/// <summary>
/// The keys responses are verified with, looked up by the <c>Wechatpay-Serial</c> header: platform certificate
/// serials and <c>PUB_KEY_ID_…</c> public-key ids side by side in one map. Safe to share: readers see one consistent
/// snapshot, and keys are only ever added (by <see cref="Add"/>, when new platform certificates are downloaded).
/// Keys are RSA, or SM2 for a 国密 merchant; as a dictionary the map shows its RSA keys, and <see cref="Ids"/> lists all.
/// </summary>
public sealed class PlatformKeys : IReadOnlyDictionary<string, RSA>, IVerifier
{
    /// <summary>The prefix of WeChat Pay public-key ids.</summary>
    public const string PublicKeyIdPrefix = "PUB_KEY_ID_";

    private readonly Lock _writing = new();
    private volatile Snapshot _snapshot;

    private readonly TimeProvider _time;
    private readonly SignatureScheme _encryptFor;

    private PlatformKeys(Dictionary<string, PlatformPublicKey> keys, Dictionary<string, DateTime> certificateExpiries, TimeProvider time, SignatureScheme encryptFor)
    {
        _encryptFor = encryptFor;
        _snapshot = new Snapshot(keys, certificateExpiries, encryptFor);
        _time = time;
    }

    /// <summary>The id of every key, RSA and SM2.</summary>
    public IEnumerable<string> Ids => _snapshot.All.Keys;

    /// <summary>The scheme the key with this id verifies: RSA, or SM2 (国密).</summary>
    /// <exception cref="KeyNotFoundException">No key has this id.</exception>
    public SignatureScheme SchemeOf(string id) => _snapshot.All[id].Scheme;

    /// <summary>
    /// The key sensitive fields are encrypted for: among the keys of the merchant's own scheme (its SM2 platform keys for
    /// a 国密 merchant) when there are any, else among all, the WeChat Pay public key (<c>PUB_KEY_ID_…</c>) when there
    /// is one, else the platform certificate that expires last. Its id goes in the request's <c>Wechatpay-Serial</c> header.
    /// </summary>
    /// <exception cref="ConfigurationException">There is no key yet (certificates are to be downloaded on first use).</exception>
    public string EncryptionKeyId => _snapshot.EncryptionKeyId ?? throw NoKeyYet();

    /// <summary>The id and RSA key of <see cref="EncryptionKeyId"/>, read from one snapshot so they always belong together.</summary>
    /// <exception cref="ConfigurationException">There is no key yet, or it is an SM2 key (国密), which is no <see cref="RSA"/>.</exception>
    public (string Id, RSA Key) EncryptionKey()
    {
        var (id, key) = EncryptionKeyOf(_snapshot);
        return (id, key.Rsa ?? throw new ConfigurationException($"The encryption key {id} is an SM2 key (国密), not RSA; sensitive fields are encrypted for it by the client's json option."));
    }

    /// <summary>Encrypts sensitive fields for the key <see cref="EncryptionKeyId"/> names, RSA or SM2, id and key from one snapshot.</summary>
    /// <exception cref="ConfigurationException">There is no key yet.</exception>
    internal ISensitiveEncryptor Encryptor()
    {
        var (id, key) = EncryptionKeyOf(_snapshot);
        return key.Encryptor(id);
    }

    private static (string Id, PlatformPublicKey Key) EncryptionKeyOf(Snapshot snapshot)
    {
        var id = snapshot.EncryptionKeyId ?? throw NoKeyYet();
        return (id, snapshot.All[id]);
    }

    private static ConfigurationException NoKeyYet() => new(
        "No WeChat Pay key is known yet to encrypt with: add one to Certs, or make a call first so the platform certificates are downloaded.");

    /// <summary>
    /// Adds downloaded platform certificates (a serial already present is kept as it is). A certificate outside its own
    /// validity period now (not yet valid, or expired) is left out: it must not verify answers. Readers never see a
    /// half-made map.
    /// </summary>
    /// <returns>The serials that were new.</returns>
    public IReadOnlyList<string> Add(IEnumerable<PlatformCertificate> certificates)
    {
        var now = _time.GetUtcNow();
        lock (_writing)
        {
            var keys = new Dictionary<string, PlatformPublicKey>(_snapshot.All, StringComparer.OrdinalIgnoreCase);
            var expiries = new Dictionary<string, DateTime>(_snapshot.Expiries, StringComparer.OrdinalIgnoreCase);
            var added = new List<string>();
            foreach (var certificate in certificates)
            {
                if (keys.ContainsKey(certificate.Serial)) continue;
                // The certificate is read once: its own dates decide, not those listed beside it, and its key is taken from it.
                var setting = $"platform certificate {certificate.Serial}";
                using var x509 = Rsa.LoadCertificate(certificate.Pem, setting);
                if (CertificateValidity.Describe(x509, now) is not null) continue;
                keys[certificate.Serial] = PlatformPublicKey.FromCertificate(x509, setting);
                expiries[certificate.Serial] = x509.NotAfter;
                added.Add(certificate.Serial);
            }
            _snapshot = new Snapshot(keys, expiries, _encryptFor);
            return added;
        }
    }

    /// <summary>
    /// Loads every entry of a <c>Certs</c> map once. Values may be <see cref="RSA"/>, <see cref="X509Certificate2"/>,
    /// PEM public keys or certificates, or <c>file://</c> paths. Refuses the merchant's own serial, certificate or public
    /// key under any id, an empty map, and a certificate filed under a serial that is not its own.
    /// </summary>
    /// <param name="certs">Serial or public-key id to key.</param>
    /// <param name="merchantSerial">The merchant certificate serial, which must not be among them.</param>
    /// <param name="allowEmpty">Accept an empty map, for a client that downloads platform certificates itself.</param>
    /// <param name="merchantKey">The merchant private key; when given, an entry holding its public half is refused.</param>
    /// <exception cref="ConfigurationException">
    /// The map is unusable (a certificate outside its validity period by the system clock among it); the message says
    /// why and how to fix it.
    /// </exception>
    public static PlatformKeys Load(IEnumerable<KeyValuePair<string, object>>? certs, string merchantSerial, bool allowEmpty = false, RSA? merchantKey = null)
        => Load(certs, merchantSerial, allowEmpty, merchantKey is null ? null : PlatformPublicKey.Of(merchantKey).Fingerprint(), TimeProvider.System, SignatureScheme.Rsa2048WithSha256);

    /// <summary>
    /// The loading of <see cref="Load(IEnumerable{KeyValuePair{string, object}}?, string, bool, RSA?)"/>, the merchant key
    /// given by its public half, RSA or SM2, and certificates' validity judged by <paramref name="time"/>. Sensitive
    /// fields are encrypted for a key of <paramref name="merchantScheme"/> when there is one: a 国密 merchant's for its
    /// SM2 platform key even with RSA keys beside it.
    /// </summary>
    internal static PlatformKeys Load(IEnumerable<KeyValuePair<string, object>>? certs, string merchantSerial, bool allowEmpty, string? merchantPublicKey, TimeProvider time, SignatureScheme merchantScheme)
    {
        var keys = new Dictionary<string, PlatformPublicKey>(StringComparer.OrdinalIgnoreCase);
        var expiries = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, value) in certs ?? [])
        {
            var setting = $"Certs[\"{id}\"]";
            if (string.IsNullOrWhiteSpace(id)) throw new ConfigurationException("Certs has an empty serial. Key each entry by the platform certificate serial or the PUB_KEY_ID_… id.");
            if (SameSerial(id, merchantSerial)) throw MerchantSerialInCerts(id);
            keys[id] = LoadEntry(id, value, setting, merchantSerial, expiries, time.GetUtcNow());
            if (merchantPublicKey is not null && merchantPublicKey == keys[id].Fingerprint()) throw MerchantKeyInCerts(setting);
        }
        if (keys.Count == 0 && !allowEmpty)
            throw new ConfigurationException("Certs is empty: responses cannot be verified without WeChat Pay's key. Add the platform public key as Certs[\"PUB_KEY_ID_…\"] (merchant platform → API security → WeChat Pay public key), or a platform certificate under its serial (platform certificates are downloaded from GET /v3/certificates).");
        return new PlatformKeys(keys, expiries, time, merchantScheme);
    }

    /// <summary>
    /// Loads one <c>Certs</c> value. A certificate is checked against the merchant serial and its validity period under
    /// any id; under a serial it must also be that serial's certificate, and its expiry is kept. A <c>PUB_KEY_ID_…</c> id
    /// names a public key, not a certificate, so a certificate given for one is only checked and its key used.
    /// </summary>
    private static PlatformPublicKey LoadEntry(string id, object value, string setting, string merchantSerial, Dictionary<string, DateTime> expiries, DateTimeOffset now)
    {
        var certificate = CertificateOf(value, setting);
        if (certificate is null) return PlatformPublicKey.Load(value, setting);
        try
        {
            var actual = Rsa.CertificateSerial(certificate);
            if (SameSerial(actual, merchantSerial)) throw MerchantSerialInCerts(actual);
            if (CertificateValidity.Describe(certificate, now) is { } outside)
                throw new ConfigurationException($"{setting} holds the platform certificate {actual}, which {outside}, so it cannot verify answers. " +
                    "Download the current platform certificates (GET /v3/certificates, `wxpay certificates`), or use the WeChat Pay public key (PUB_KEY_ID_…).");
            if (id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal)) return PlatformPublicKey.FromCertificate(certificate, setting);
            if (!SameSerial(actual, id))
                throw new ConfigurationException($"{setting} holds the certificate with serial {actual}. Key it by its own serial, which WeChat Pay sends in Wechatpay-Serial.");
            expiries[id] = certificate.NotAfter;
            return PlatformPublicKey.FromCertificate(certificate, setting);
        }
        finally
        {
            // A certificate read here from text is disposed; one the caller gave stays theirs, and usable.
            if (!ReferenceEquals(certificate, value)) certificate.Dispose();
        }
    }

    /// <inheritdoc />
    public RSA this[string key] => _snapshot.Keys[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _snapshot.Keys.Keys;

    /// <inheritdoc />
    public IEnumerable<RSA> Values => _snapshot.Keys.Values;

    /// <inheritdoc />
    public int Count => _snapshot.Keys.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _snapshot.Keys.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out RSA value) => _snapshot.Keys.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, RSA>> GetEnumerator() => _snapshot.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Every key as it is now, RSA and SM2, by id.</summary>
    internal IReadOnlyDictionary<string, PlatformPublicKey> All => _snapshot.All;

    IEnumerable<string> IVerifier.KeyIds => Ids;

    bool IVerifier.Knows(string keyId) => _snapshot.Verifier.Knows(keyId);

    bool IVerifier.Verify(string keyId, ReadOnlySpan<byte> message, string signature) => _snapshot.Verifier.Verify(keyId, message, signature);

    string? IVerifier.KindMismatch(string keyId, string signature) => _snapshot.Verifier.KindMismatch(keyId, signature);

    private static bool SameSerial(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The certificate a <c>Certs</c> value holds, if it is one: the value itself, or one read from its PEM text or file.</summary>
    private static X509Certificate2? CertificateOf(object value, string setting)
    {
        if (value is X509Certificate2 certificate) return certificate;
        if (value is not string text) return null;
        if (text.StartsWith(Rsa.FilePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[Rsa.FilePrefix.Length..];
            // An unreadable, missing or oversized file is left to LoadPublicKey, which reports it.
            if (!File.Exists(path)) return null;
            try
            {
                text = Rsa.ReadKeyFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return Pem.FirstLabel(text) == "CERTIFICATE" ? Rsa.LoadCertificate(text, setting) : null;
    }

    private static ConfigurationException MerchantSerialInCerts(string serial) => new(
        $"Certs contains {serial}, the merchant's own certificate serial. " + MerchantVersusPlatform);

    private static ConfigurationException MerchantKeyInCerts(string setting) => new(
        $"{setting} holds the merchant's own public key, the public half of PrivateKey. " + MerchantVersusPlatform);

    private const string MerchantVersusPlatform =
        "Certs verifies what WeChat Pay sends, so it takes WeChat Pay's platform certificates (serials from GET /v3/certificates) " +
        "or the WeChat Pay public key (PUB_KEY_ID_…), never the merchant API certificate apiclient_cert.pem or its public key: " +
        "its serial goes in Serial and its private key in PrivateKey.";

    /// <summary>One consistent state of the map; replaced whole, never changed.</summary>
    private sealed class Snapshot
    {
        public Snapshot(Dictionary<string, PlatformPublicKey> all, Dictionary<string, DateTime> expiries, SignatureScheme encryptFor)
        {
            All = all;
            Keys = all.Where(key => key.Value.Rsa is not null).ToDictionary(key => key.Key, key => key.Value.Rsa!, StringComparer.OrdinalIgnoreCase);
            Verifier = new KeyMapVerifier(all);
            Expiries = expiries;
            // The keys of the merchant's own scheme if it has any, then: a public key, else the certificate that expires last.
            var ofScheme = all.Keys.Where(id => all[id].Scheme == encryptFor).ToList();
            var candidates = ofScheme.Count > 0 ? ofScheme : [.. all.Keys];
            EncryptionKeyId = candidates.FirstOrDefault(id => id.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal))
                ?? candidates.Where(expiries.ContainsKey).OrderByDescending(id => expiries[id]).FirstOrDefault()
                ?? candidates.FirstOrDefault();
        }

        /// <summary>Every key, RSA and SM2.</summary>
        public Dictionary<string, PlatformPublicKey> All { get; }

        /// <summary>The RSA keys, which the dictionary shows.</summary>
        public Dictionary<string, RSA> Keys { get; }

        /// <summary>Verifies with <see cref="All"/>.</summary>
        public KeyMapVerifier Verifier { get; }

        public Dictionary<string, DateTime> Expiries { get; }

        public string? EncryptionKeyId { get; }
    }
}
