using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Profiles;

namespace WeChatPay.Chain.Simulator;

/// <summary>
/// One simulated merchant and the simulated WeChat Pay it talks to, kept in a directory so that a client, the CLI and
/// the simulator agree on the keys across runs.
/// </summary>
/// <remarks>
/// <para>
/// <c>profile.json</c> holds what a client needs, in wechatpay-php's config shape: <c>mchid</c>, <c>serial</c>,
/// <c>privateKey</c>, <c>certs</c> (platform certificate serial and <c>PUB_KEY_ID_…</c>, each to a PEM file),
/// <c>apiV3Key</c>, <c>apiV2Key</c> and <c>baseUri</c>, and under <c>sm2</c> the same merchant's 国密 credentials
/// (<c>serial</c>, <c>privateKey</c>, <c>certs</c>: an SM2 key, SM2 certificates). File paths in it are relative to the profile directory
/// (absolute paths are accepted too), so the directory can be moved or copied as a whole.
/// </para>
/// <para>
/// The simulator's own secrets, the platform private keys (RSA and SM2) and the HTTPS server key, live under <c>simulator/</c> with
/// <c>server.json</c> and the HTTPS certificate (<see cref="TlsCertificatePath"/>, the one file there a client may
/// need); a client never needs the keys. Every key here is made up locally and is worthless against the real WeChat Pay.
/// </para>
/// <para>
/// A profile made by an older simulator is brought up to date when it loads: one without <c>apiV2Key</c> gains a new
/// one, one without the HTTPS certificate gains it, and one without <c>sm2</c> gains SM2 keys and certificates; nothing
/// it holds is changed.
/// </para>
/// </remarks>
public sealed class SimulatorProfile
{
    private readonly object _saveLock = new();

    private SimulatorProfile(string directory, JsonObject document, JsonObject serverDocument, ServerSecrets server)
    {
        Directory = directory;
        MchId = RequiredString(document, "mchid");
        MerchantSerial = RequiredString(document, "serial");
        ApiV3Key = RequiredString(document, "apiV3Key");
        AeadAesGcm.ValidateKey(ApiV3Key, $"{ProfileFiles.ProfileJson} apiV3Key");
        ApiV2Key = RequiredString(document, ProfileUpgrade.ApiV2KeyField);
        if (ApiV2Key.Length != 32 || ApiV2Key.Any(c => c <= ' ' || c >= 127))
            throw Invalid("apiV2Key must be 32 printable ASCII characters without spaces, as the merchant platform sets it (remove it to have one generated)");
        PrivateKeyPath = Resolve(RequiredString(document, "privateKey"));
        var baseUri = OptionalString(document, "baseUri");
        if (baseUri is null) BaseUri = null;
        else BaseUri = Uri.TryCreate(baseUri, UriKind.Absolute, out var parsed) ? parsed : throw Invalid("baseUri is not an absolute URI");

        var certs = document["certs"] as JsonObject ?? throw Invalid("certs is missing or not an object");
        CertificatePaths = certs.ToDictionary(pair => pair.Key, pair => Resolve(OptionalString(certs, pair.Key) ?? throw Invalid($"certs[\"{pair.Key}\"] is not a file path")), StringComparer.Ordinal);

        MerchantCertificatePath = Resolve(server.MerchantCertificate);
        PlatformCertificatePath = Resolve(server.PlatformCertificate);
        PublicKeyId = server.PublicKeyId;

        MerchantPublicKey = Rsa.LoadPublicKey(Rsa.FilePrefix + MerchantCertificatePath, ProfileFiles.MerchantCertificate);
        PlatformCertificatePem = ReadFile(PlatformCertificatePath);
        PlatformCertificate = Rsa.LoadCertificate(PlatformCertificatePem, "platform certificate");
        PlatformCertificateSerial = Rsa.CertificateSerial(PlatformCertificate);
        PlatformPrivateKey = Rsa.LoadPrivateKey(Rsa.FilePrefix + Resolve(server.PlatformPrivateKey), ProfileFiles.PlatformPrivateKey);
        TlsCertificatePath = Resolve(ProfileFiles.TlsCertificate);
        TlsPrivateKeyPath = Resolve(ProfileFiles.TlsPrivateKey);

        CheckConsistency();
        Sm2 = Sm2Credentials.Load(document, serverDocument, Resolve, ReadFile, Invalid);
    }

    /// <summary>The full path of the profile directory.</summary>
    public string Directory { get; }

    /// <summary>The simulated merchant id: ten digits starting with 19, like a real direct merchant's.</summary>
    public string MchId { get; }

    /// <summary>The serial of the merchant API certificate, which requests must name in <c>serial_no</c>.</summary>
    public string MerchantSerial { get; }

    /// <summary>
    /// The APIv3 key notifications and certificate downloads are encrypted with. A secret like any APIv3 key: it is never
    /// part of <see cref="ToString"/>.
    /// </summary>
    public string ApiV3Key { get; }

    /// <summary>
    /// The APIv2 key: APIv2 requests are signed with it (MD5 or HMAC-SHA256) and the simulator signs its APIv2 answers
    /// with it. 32 characters of <c>[0-9A-Za-z]</c>, made by a CSPRNG. A secret like any APIv2 key: it is never part of
    /// <see cref="ToString"/>.
    /// </summary>
    public string ApiV2Key { get; }

    /// <summary>The serial of the simulated platform certificate, the default <c>Wechatpay-Serial</c> of responses.</summary>
    public string PlatformCertificateSerial { get; }

    /// <summary>The <c>PUB_KEY_ID_…</c> id of the simulated WeChat Pay public key (the platform certificate's key pair).</summary>
    public string PublicKeyId { get; }

    /// <summary>Where the simulator last listened; null until a server has started on this profile.</summary>
    public Uri? BaseUri { get; private set; }

    /// <summary>The merchant private key file (<c>apiclient_key.pem</c>).</summary>
    public string PrivateKeyPath { get; }

    /// <summary>
    /// The merchant certificate file (<c>apiclient_cert.pem</c>), whose serial is <see cref="MerchantSerial"/>; also the
    /// client certificate APIv2's <c>secapi</c> endpoints require over mutual TLS.
    /// </summary>
    public string MerchantCertificatePath { get; }

    /// <summary>The platform certificate file.</summary>
    public string PlatformCertificatePath { get; }

    /// <summary>
    /// The self-signed certificate (PEM) the simulator serves HTTPS with when <see cref="SimulatorSettings.Https"/> is set,
    /// issued for <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c>. A client reaching the simulator over HTTPS must trust
    /// exactly this certificate; its private key stays under <c>simulator/</c>.
    /// </summary>
    public string TlsCertificatePath { get; }

    internal string TlsPrivateKeyPath { get; }

    /// <summary>The <c>certs</c> map of <c>profile.json</c> with full paths: serial or <c>PUB_KEY_ID_…</c> to PEM file.</summary>
    public IReadOnlyDictionary<string, string> CertificatePaths { get; }

    /// <summary>The full path of <c>profile.json</c>.</summary>
    public string ProfilePath => Path.Combine(Directory, ProfileFiles.ProfileJson);

    internal RSA MerchantPublicKey { get; }

    internal RSA PlatformPrivateKey { get; }

    internal X509Certificate2 PlatformCertificate { get; }

    /// <summary>The SHA-256 of the merchant certificate's DER bytes, to recognise it when a TLS client presents it.</summary>
    internal byte[] MerchantCertificateSha256 { get; private set; } = [];

    internal string PlatformCertificatePem { get; }

    /// <summary>The serial of the merchant's 国密 (SM2) certificate, which SM2-signed requests must name in <c>serial_no</c>.</summary>
    public string Sm2MerchantSerial => Sm2.MerchantSerial;

    /// <summary>The merchant's SM2 private key file (<c>apiclient_sm2_key.pem</c>, PKCS#8).</summary>
    public string Sm2PrivateKeyPath => Sm2.PrivateKeyPath;

    /// <summary>The merchant's SM2 certificate file (<c>apiclient_sm2_cert.pem</c>), whose serial is <see cref="Sm2MerchantSerial"/>.</summary>
    public string Sm2MerchantCertificatePath => Sm2.MerchantCertificatePath;

    /// <summary>The serial of the simulated SM2 platform certificate, which names the SM2 platform key in <c>Wechatpay-Serial</c>.</summary>
    public string Sm2PlatformCertificateSerial => Sm2.PlatformCertificateSerial;

    /// <summary>The SM2 platform certificate file (signed SM2-with-SM3).</summary>
    public string Sm2PlatformCertificatePath => Sm2.PlatformCertificatePath;

    /// <summary>The 国密 keys, loaded.</summary>
    internal Sm2Credentials Sm2 { get; }

    /// <summary>
    /// Loads the profile in <paramref name="directory"/>, or generates one there when the directory is missing or empty.
    /// An existing profile is reused as it is, so keys stay stable across runs.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// The directory holds other files but no usable profile, or a new profile cannot be written there.
    /// </exception>
    public static SimulatorProfile LoadOrCreate(string directory, TimeProvider? time = null)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            if (!System.IO.Directory.Exists(full) || !System.IO.Directory.EnumerateFileSystemEntries(full).Any())
                ProfileGenerator.Generate(full, time ?? TimeProvider.System);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"Cannot create a simulator profile in {full}: {e.Message} Give a directory that can be written, or one that holds a profile already.", e);
        }
        return Load(full, time);
    }

    /// <summary>
    /// Loads an existing profile and checks that its keys belong together. A profile made by an older simulator gains
    /// what it lacks (an APIv2 key, the HTTPS certificate, the SM2 keys and certificates), written into its directory.
    /// </summary>
    /// <param name="directory">The profile directory.</param>
    /// <param name="time">The clock that dates certificates added to an older profile; the system clock when null.</param>
    /// <exception cref="ConfigurationException">
    /// A file is missing or unreadable, keys do not match their certificates, or an older profile cannot be brought up to
    /// date because its directory cannot be written.
    /// </exception>
    public static SimulatorProfile Load(string directory, TimeProvider? time = null)
    {
        var full = Path.GetFullPath(directory);
        var profilePath = Path.Combine(full, ProfileFiles.ProfileJson);
        if (!File.Exists(profilePath))
            throw new ConfigurationException($"{full} has no {ProfileFiles.ProfileJson}. Point at a simulator profile directory, or use an empty or new directory to have one generated.");
        var serverPath = Path.Combine(full, ProfileFiles.ServerJson);
        if (!File.Exists(serverPath))
            throw new ConfigurationException($"{full} has no {ProfileFiles.ServerJson}: the simulator's own keys are missing. Generate a new profile in an empty directory.");
        var document = JsonFile.Read(profilePath);
        var server = JsonFile.Read(serverPath);
        ProfileUpgrade.Apply(full, profilePath, document, serverPath, server, time ?? TimeProvider.System);
        return new SimulatorProfile(full, document, server, ServerSecrets.From(server, serverPath));
    }

    /// <summary>
    /// Client options for this merchant against the running simulator: keys as <c>file://</c> paths, both the platform
    /// certificate serial and the <c>PUB_KEY_ID_…</c> in <c>Certs</c>, the APIv3 key (for notifications), the APIv2 key,
    /// the merchant certificate for APIv2 calls made with <c>security = true</c>, <see cref="ClientOptions.BaseUri"/> at the
    /// simulator and, when it serves HTTPS, its certificate as <see cref="ClientOptions.TrustedServerCertificate"/>.
    /// In 国密 (<see cref="SignatureScheme.Sm2WithSm3"/>) the merchant's SM2 serial and key sign, the SM2 platform
    /// certificate verifies, and there is no merchant certificate (APIv2's mutual TLS takes RSA certificates only).
    /// </summary>
    /// <param name="baseUri">Where the simulator listens; <see cref="BaseUri"/> when null.</param>
    /// <param name="scheme">RSA (the default) or 国密.</param>
    /// <exception cref="ConfigurationException">No base URI is known yet: start a <see cref="SimulatorServer"/> first.</exception>
    public ClientOptions ToClientOptions(Uri? baseUri = null, SignatureScheme scheme = SignatureScheme.Rsa2048WithSha256)
    {
        var target = baseUri ?? BaseUri
            ?? throw new ConfigurationException($"The profile in {Directory} has no baseUri yet: start the simulator (SimulatorServer.StartAsync) or pass the base URI.");
        var sm2 = scheme == SignatureScheme.Sm2WithSm3;
        return new ClientOptions
        {
            MchId = MchId,
            Serial = sm2 ? Sm2.MerchantSerial : MerchantSerial,
            PrivateKey = Rsa.FilePrefix + (sm2 ? Sm2.PrivateKeyPath : PrivateKeyPath),
            Scheme = scheme,
            Certs = (sm2 ? Sm2.CertificatePaths : CertificatePaths).ToDictionary(pair => pair.Key, pair => (object)(Rsa.FilePrefix + pair.Value), StringComparer.Ordinal),
            BaseUri = target,
            ApiV3Key = ApiV3Key,
            ApiV2Key = ApiV2Key,
            MerchantCertificate = sm2 ? null : Rsa.FilePrefix + MerchantCertificatePath,
            // A simulator over HTTPS presents its own self-signed certificate, which only this profile vouches for.
            TrustedServerCertificate = target.Scheme == Uri.UriSchemeHttps && target.IsLoopback ? Rsa.FilePrefix + TlsCertificatePath : null,
        };
    }

    /// <summary>
    /// The HTTPS certificate of the simulator profile in <paramref name="directory"/>, for a client to trust; null when the
    /// directory holds no simulator profile (a merchant's own profile.json) or no such certificate.
    /// </summary>
    public static string? TlsCertificateOf(string directory)
    {
        var path = Path.Combine(Path.GetFullPath(directory), ProfileFiles.TlsCertificate);
        return File.Exists(Path.Combine(Path.GetFullPath(directory), ProfileFiles.ServerJson)) && File.Exists(path) ? path : null;
    }

    /// <summary>Names the merchant and the directory only; the keys, the APIv3 key and the APIv2 key stay out.</summary>
    public override string ToString() => $"SimulatorProfile mchid={MchId} serial={MerchantSerial} at {Directory}";

    /// <summary>Records where the simulator listens, in memory and in <c>profile.json</c>, for clients started later.</summary>
    /// <exception cref="ConfigurationException"><c>profile.json</c> cannot be read or rewritten.</exception>
    internal void SaveBaseUri(Uri baseUri)
    {
        lock (_saveLock)
        {
            var document = JsonFile.Read(ProfilePath);
            document["baseUri"] = baseUri.ToString();
            try
            {
                JsonFile.Write(ProfilePath, document);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"Cannot record the simulator's address in {ProfilePath}: {e.Message} The profile directory must be writable.", e);
            }
            BaseUri = baseUri;
        }
    }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(Directory, path));

    private void CheckConsistency()
    {
        using (var merchantCertificate = Rsa.LoadCertificate(Rsa.FilePrefix + MerchantCertificatePath, ProfileFiles.MerchantCertificate))
        {
            var actual = Rsa.CertificateSerial(merchantCertificate);
            MerchantCertificateSha256 = merchantCertificate.GetCertHash(HashAlgorithmName.SHA256);
            if (!string.Equals(actual, MerchantSerial, StringComparison.OrdinalIgnoreCase))
                throw Invalid($"serial is {MerchantSerial} but {ProfileFiles.MerchantCertificate} has serial {actual}");
        }
        using var merchantPrivateKey = Rsa.LoadPrivateKey(Rsa.FilePrefix + PrivateKeyPath, ProfileFiles.MerchantPrivateKey);
        if (!SameKey(merchantPrivateKey, MerchantPublicKey))
            throw Invalid($"{ProfileFiles.MerchantPrivateKey} does not belong to {ProfileFiles.MerchantCertificate}");
        if (!SameKey(PlatformPrivateKey, PlatformCertificate.GetRSAPublicKey()))
            throw Invalid($"{ProfileFiles.PlatformPrivateKey} does not belong to the platform certificate");
        if (!CertificatePaths.ContainsKey(PlatformCertificateSerial) || !CertificatePaths.ContainsKey(PublicKeyId))
            throw Invalid($"certs must hold the platform certificate serial {PlatformCertificateSerial} and {PublicKeyId}");
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{path} cannot be read ({e.Message})");
        }
    }

    private static bool SameKey(RSA a, RSA? b)
        => b is not null && a.ExportParameters(false).Modulus.AsSpan().SequenceEqual(b.ExportParameters(false).Modulus);

    private static string RequiredString(JsonObject document, string name)
        => OptionalString(document, name) ?? throw Invalid($"{name} is missing or not a string");

    private static string? OptionalString(JsonObject document, string name)
        => document[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static ConfigurationException Invalid(string problem)
        => new($"{ProfileFiles.ProfileJson} is not a usable simulator profile: {problem}. Delete the directory to have a new one generated.");

    /// <summary>The part of <c>simulator/server.json</c> the server needs; paths as written there.</summary>
    private sealed record ServerSecrets(string MerchantCertificate, string PlatformCertificate, string PlatformPrivateKey, string PublicKeyId)
    {
        public static ServerSecrets From(JsonObject json, string path)
        {
            string Field(string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
                ? text
                : throw new ConfigurationException($"{path} lacks {name}. Delete the profile directory to have a new one generated.");
            var id = Field("publicKeyId");
            if (!id.StartsWith(PlatformKeys.PublicKeyIdPrefix, StringComparison.Ordinal))
                throw new ConfigurationException($"{path}: publicKeyId must start with {PlatformKeys.PublicKeyIdPrefix}.");
            return new ServerSecrets(Field("merchantCertificate"), Field("platformCertificate"), Field("platformPrivateKey"), id);
        }
    }
}
