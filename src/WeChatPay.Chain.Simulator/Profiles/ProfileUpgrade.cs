using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// Brings a profile made by an older simulator up to date when it is loaded: one made before APIv2 gains an
/// <c>apiV2Key</c> and a <c>merchantCertificate</c> in <c>profile.json</c>, one made before
/// HTTPS gains the server certificate under <c>simulator/</c>, and one made before 国密 gains its SM2 keys and certificates
/// (the <c>sm2</c> entries of <c>profile.json</c> and <c>server.json</c>).
/// What it already holds is never changed, so its merchant, keys and certificates stay the same.
/// </summary>
internal static class ProfileUpgrade
{
    public const string ApiV2KeyField = "apiV2Key";

    /// <summary>The field of <c>profile.json</c> that names the certificate APIv2's mutual TLS presents.</summary>
    public const string MerchantCertificateField = "merchantCertificate";

    /// <summary>The field of <c>profile.json</c> and <c>server.json</c> that holds the 国密 (SM2) credentials.</summary>
    public const string Sm2Field = "sm2";

    /// <summary>Adds what is missing, writing only when something is; <paramref name="document"/> and <paramref name="server"/> are changed in place.</summary>
    /// <exception cref="ConfigurationException">Something is missing and the directory cannot be written.</exception>
    public static JsonObject Apply(string directory, string profilePath, JsonObject document, string serverPath, JsonObject server, TimeProvider time)
    {
        try
        {
            if (!ServerTlsCertificate.Exists(directory)) ServerTlsCertificate.Generate(directory);
            var changed = false;
            if (document[ApiV2KeyField] is null) (document[ApiV2KeyField], changed) = (ProfileGenerator.NewApiV2Key(), true);
            if (document[MerchantCertificateField] is null) (document[MerchantCertificateField], changed) = (ProfileFiles.MerchantCertificate, true);
            if (document[Sm2Field] is null || server[Sm2Field] is null)
            {
                var mchId = document["mchid"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
                (document[Sm2Field], server[Sm2Field]) = ProfileGenerator.GenerateSm2(directory, mchId, time.GetUtcNow());
                JsonFile.Write(serverPath, server);
                changed = true;
            }
            if (changed) JsonFile.Write(profilePath, document);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"The profile in {directory} was made by an older simulator and lacks its APIv2 key, HTTPS certificate or SM2 keys, which cannot be added ({e.Message}). Make the directory writable, or use a new directory to have a complete profile generated.", e);
        }
        return document;
    }
}
