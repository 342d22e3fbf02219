using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>
/// APIv2 requests built by hand, independent of the library's client: fields signed with <see cref="ApiV2Signature"/>
/// (or not, or wrongly), written with <see cref="ApiV2Xml"/>, posted with a plain <see cref="HttpClient"/>. Over HTTPS it
/// trusts exactly the simulator's certificate and, when given one, presents a client certificate, which is what the
/// library cannot do yet against a self-signed server.
/// </summary>
public sealed class V2Wire : IDisposable
{
    public const string AppId = "wxd678efh567hg6787";

    private readonly HttpClient _http;
    private readonly X509Certificate2 _serverCertificate;

    public V2Wire(SimulatorServer server, X509Certificate2? clientCertificate = null)
    {
        Profile = server.Profile;
        _serverCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(Profile.TlsCertificatePath));
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_serverCertificate.RawData);
        if (clientCertificate is not null) handler.SslOptions.ClientCertificates = [clientCertificate];
        _http = new HttpClient(handler) { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimulatorProfile Profile { get; }

    /// <summary>The merchant certificate with its private key, as mutual TLS presents it.</summary>
    public static X509Certificate2 MerchantCertificate(SimulatorProfile profile) => X509Certificate2.CreateFromPemFile(profile.MerchantCertificatePath, profile.PrivateKeyPath);

    /// <summary>appid, mch_id and nonce_str, then <paramref name="more"/> (a later value replaces an earlier one).</summary>
    public List<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] more)
    {
        var fields = new List<KeyValuePair<string, string>> { new("appid", AppId), new("mch_id", Profile.MchId), new("nonce_str", Nonce.Create()) };
        foreach (var (name, value) in more)
        {
            fields.RemoveAll(field => field.Key == name);
            fields.Add(new(name, value));
        }
        return fields;
    }

    /// <summary>Signs <paramref name="fields"/> with the profile's APIv2 key and posts them.</summary>
    public Task<V2Answer> PostAsync(string path, List<KeyValuePair<string, string>> fields, ApiV2SignType type = ApiV2SignType.Md5)
        => PostUnsignedAsync(path, [.. fields, new("sign", ApiV2Signature.Sign(fields, Profile.ApiV2Key, type))]);

    /// <summary>Posts <paramref name="fields"/> exactly as given: no sign is added.</summary>
    public Task<V2Answer> PostUnsignedAsync(string path, List<KeyValuePair<string, string>> fields)
        => SendAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes(ApiV2Xml.Write(fields)));

    public async Task<V2Answer> SendAsync(HttpMethod method, string path, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        }
        using var response = await _http.SendAsync(request);
        return new V2Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync());
    }

    public void Dispose()
    {
        _http.Dispose();
        _serverCertificate.Dispose();
    }
}
