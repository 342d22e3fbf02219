using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// Brings a profile made by an older simulator up to date when it is loaded: one made before APIv2 gains an
/// <c>apiV2Key</c> and a <c>merchantCertificate</c> in <c>profile.json</c>, and one made before
/// HTTPS gains the server certificate under <c>simulator/</c>.
/// What it already holds is never changed, so its merchant, keys and certificates stay the same.
/// </summary>
internal static class ProfileUpgrade
{
    public const string ApiV2KeyField = "apiV2Key";

    /// <summary>The field of <c>profile.json</c> that names the certificate APIv2's mutual TLS presents.</summary>
    public const string MerchantCertificateField = "merchantCertificate";

    /// <summary>Adds what is missing, writing only when something is; returns the document as it now stands.</summary>
    /// <exception cref="ConfigurationException">Something is missing and the directory cannot be written.</exception>
    public static JsonObject Apply(string directory, string profilePath, JsonObject document)
    {
        try
        {
            if (!ServerTlsCertificate.Exists(directory)) ServerTlsCertificate.Generate(directory);
            var changed = false;
            if (document[ApiV2KeyField] is null) (document[ApiV2KeyField], changed) = (ProfileGenerator.NewApiV2Key(), true);
            if (document[MerchantCertificateField] is null) (document[MerchantCertificateField], changed) = (ProfileFiles.MerchantCertificate, true);
            if (changed) JsonFile.Write(profilePath, document);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"The profile in {directory} was made by an older simulator and lacks its APIv2 key or HTTPS certificate, which cannot be added ({e.Message}). Make the directory writable, or use a new directory to have a complete profile generated.", e);
        }
        return document;
    }
}
