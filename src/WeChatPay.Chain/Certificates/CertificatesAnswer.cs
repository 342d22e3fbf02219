using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Certificates;

/// <summary>
/// WeChat Pay's answer to <c>GET /v3/certificates</c>: its certificates decrypted with the APIv3 key, each field checked
/// for its type before it is used, so an answer of another shape is a <see cref="ResponseFormatException"/> naming the
/// field, never an exception from the JSON reader.
/// </summary>
internal static class CertificatesAnswer
{
    /// <summary>
    /// The certificates of an answer to <c>GET /v3/certificates</c>, decrypted and checked, once the answer's signature
    /// verifies with a certificate it delivers (the first download has nothing else to check against) or one already known.
    /// </summary>
    /// <exception cref="NoPlatformCertificatesException">The merchant is in public-key mode: HTTP 404 with code <c>NOT_FOUND</c> or <c>RESOURCE_NOT_EXISTS</c>.</exception>
    /// <exception cref="ApiException">Another error answer, a 404 without those codes included (a wrong BaseUri, a proxy's page).</exception>
    /// <exception cref="ResponseFormatException">
    /// The answer is not the documented list of certificates, or every certificate it lists is outside its validity
    /// period (not yet effective, or expired). Certificates outside their period are left out of what is returned and
    /// never verify the answer.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The answer is not signed by a valid certificate it delivers or one already known.</exception>
    /// <exception cref="DecryptionException">A certificate does not decrypt: the APIv3 key is wrong.</exception>
    public static IReadOnlyList<PlatformCertificate> Read(WeChatPayResponse response, IReadOnlyList<INotificationCipher> ciphers, PlatformKeys known, TimeProvider time)
    {
        if (response.Status is < 200 or > 299)
        {
            // Only WeChat Pay's own answer means public-key mode: a 404 with one of its codes. A bare 404 comes from a
            // wrong BaseUri or a proxy page, and a code without the 404 is some other failure; both stay ApiException.
            // ApiException reads the code without failing on an HTML or empty body.
            var error = new ApiException(response);
            throw response.Status == 404 && error.Code is "NOT_FOUND" or "RESOURCE_NOT_EXISTS"
                ? new NoPlatformCertificatesException(response)
                : error;
        }

        var (certificates, outside) = Decrypt(response, ciphers, time.GetUtcNow());
        if (certificates.Count == 0 && outside.Count > 0)
            throw new ResponseFormatException($"{response}: no certificate it lists is valid now: {string.Join("; ", outside)}. The platform certificates must be current; if they are, check this machine's clock.", null);
        var keys = known.All.ToDictionary(known => known.Key, known => known.Value, StringComparer.OrdinalIgnoreCase);
        // The delivered certificates' keys are loaded only to check this answer (PlatformKeys loads its own copies).
        var delivered = new List<RSA>();
        try
        {
            foreach (var certificate in certificates)
            {
                if (keys.ContainsKey(certificate.Serial)) continue;
                var key = Delivered(response, certificate.Serial, () => PlatformPublicKey.Load(certificate.Pem, $"platform certificate {certificate.Serial}"));
                if (key.Rsa is { } rsa) delivered.Add(rsa);
                keys.Add(certificate.Serial, key);
            }
            ResponseVerifier.Over(new KeyMapVerifier(keys), time).Verify(
                response.Header(WeChatPayHeaders.Timestamp), response.Header(WeChatPayHeaders.Nonce),
                response.Header(WeChatPayHeaders.Signature), response.Header(WeChatPayHeaders.Serial), response.Body);
        }
        catch (ResponseVerificationException e)
        {
            throw e.WithResponse(response);
        }
        finally
        {
            foreach (var key in delivered) key.Dispose();
        }
        return certificates;
    }

    /// <summary>
    /// Reads and decrypts the certificates. Every field is checked for its type before it is used, so an answer of
    /// another shape is a <see cref="ResponseFormatException"/> naming the field, never an exception from the JSON reader.
    /// </summary>
    /// <returns>The certificates valid at <paramref name="now"/>, and a description of each one that is not.</returns>
    private static (List<PlatformCertificate> Valid, List<string> Outside) Decrypt(WeChatPayResponse response, IReadOnlyList<INotificationCipher> ciphers, DateTimeOffset now)
    {
        var outside = new List<string>();
        if (response.Json is not JObject document || document["data"] is not JArray data)
            throw new ResponseFormatException($"{response} is not a JSON object with a data array of certificates.", null);
        var certificates = new List<PlatformCertificate>();
        for (var index = 0; index < data.Count; index++)
        {
            if (data[index] is not JObject item)
                throw new ResponseFormatException($"{response}: data[{index}] is a {TypeOf(data[index])}, not a certificate object.", null);
            var serial = Text(item, "serial_no", $"data[{index}]");
            if (item["encrypt_certificate"] is not JObject encrypted)
                throw new ResponseFormatException($"{response}: certificate {serial} has no encrypt_certificate object.", null);
            var where = $"certificate {serial}'s encrypt_certificate";
            var algorithm = Text(encrypted, "algorithm", where);
            var cipher = ciphers.FirstOrDefault(known => known.Algorithm == algorithm)
                ?? throw new ResponseFormatException($"{response}: certificate {serial} is encrypted with {algorithm}; only {string.Join(" and ", ciphers.Select(known => known.Algorithm))} are known.", null);
            var associatedData = encrypted["associated_data"] switch
            {
                null or { Type: JTokenType.Null } => "",
                JValue { Type: JTokenType.String } text => (string)text!,
                var other => throw new ResponseFormatException($"{response}: {where}.associated_data is a {TypeOf(other)}, not a string.", null),
            };
            var pem = cipher.Decrypt(Text(encrypted, "nonce", where), associatedData, Text(encrypted, "ciphertext", where));
            // Only PEM text goes on to the loader, which would also take a file:// path and read that file.
            if (!pem.TrimStart().StartsWith("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                throw new ResponseFormatException($"{response}: certificate {serial} does not decrypt to a PEM certificate.", null);
            using (var certificate = Delivered(response, serial, () => Rsa.LoadCertificate(pem, $"platform certificate {serial}")))
            {
                var actual = Rsa.CertificateSerial(certificate);
                if (!string.Equals(actual, serial, StringComparison.OrdinalIgnoreCase))
                    throw new ResponseFormatException($"{response}: the certificate listed as {serial} has the serial {actual}.", null);
                if (CertificateValidity.Describe(certificate, now) is { } problem)
                {
                    outside.Add($"certificate {serial} {problem}");
                    continue;
                }
            }
            var at = $"certificate {serial}";
            certificates.Add(new PlatformCertificate(serial.ToUpperInvariant(), Time(item, "effective_time", at), Time(item, "expire_time", at), pem));
        }
        return (certificates, outside);
    }

    /// <summary>
    /// Loads what a delivered certificate holds. The loaders report an unusable certificate as a setting to fix; here
    /// it came in the answer, so it is the answer's fault.
    /// </summary>
    private static T Delivered<T>(WeChatPayResponse response, string serial, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (ConfigurationException e)
        {
            throw new ResponseFormatException($"{response}: certificate {serial} is not a usable certificate: {e.Message}", e);
        }
    }

    private static string Text(JObject item, string name, string where)
        => item[name] is JValue { Type: JTokenType.String } value
            ? (string)value!
            : throw new ResponseFormatException($"The certificates answer's {where} has no string '{name}'.", null);

    private static DateTimeOffset Time(JObject item, string name, string where)
        => DateTimeOffset.TryParse(Text(item, name, where), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ResponseFormatException($"The certificates answer's {where} has an {name} that is not a date.", null);

    private static string TypeOf(JToken token) => token.Type.ToString().ToLowerInvariant();
}
