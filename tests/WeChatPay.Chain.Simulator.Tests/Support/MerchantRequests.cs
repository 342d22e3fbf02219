using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// Sends requests signed with the profile's merchant key by hand, independent of the library's client, so tests can
/// spoil any part of the signature and see exactly what the simulator answers.
/// </summary>
public sealed class MerchantRequests : IDisposable
{
    private readonly SimulatorProfile _profile;
    private readonly TimeProvider _clock;
    private readonly RSA _privateKey;
    private readonly HttpClient _http;

    public MerchantRequests(SimulatorServer server, TimeProvider? clock = null)
    {
        _profile = server.Profile;
        _clock = clock ?? TimeProvider.System;
        _privateKey = Rsa.LoadPrivateKey(Rsa.FilePrefix + _profile.PrivateKeyPath);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http => _http;

    public Task<ApiAnswer> PostAsync(string target, object json, Action<SignatureParts>? spoil = null)
        => SendAsync(HttpMethod.Post, target, System.Text.Json.JsonSerializer.Serialize(json), spoil);

    public Task<ApiAnswer> GetAsync(string target, Action<SignatureParts>? spoil = null, IDictionary<string, string>? headers = null)
        => SendAsync(HttpMethod.Get, target, null, spoil, headers);

    public Task<ApiAnswer> SendAsync(HttpMethod method, string target, string? body, Action<SignatureParts>? spoil = null, IDictionary<string, string>? headers = null)
    {
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(body);
        return SendRawAsync(method, target, bytes, body is null ? null : "application/json", bytes ?? [], spoil, headers);
    }

    /// <summary>
    /// Posts a multipart upload signed as WeChat Pay requires: over the bytes of the <c>meta</c> part as sent, not over
    /// the multipart body (<see cref="SignatureParts.SignedBody"/> starts as the meta bytes; spoil it to sign otherwise).
    /// </summary>
    public Task<ApiAnswer> UploadAsync(string target, MultipartBody body, Action<SignatureParts>? spoil = null, bool close = true, IDictionary<string, string>? headers = null)
        => SendRawAsync(HttpMethod.Post, target, body.ToBytes(close), body.ContentType, body.MetaBytes ?? [], spoil, headers);

    /// <summary>Sends <paramref name="body"/> as is, signing <paramref name="signedBody"/> as the body of the signed message.</summary>
    public async Task<ApiAnswer> SendRawAsync(HttpMethod method, string target, byte[]? body, string? contentType, byte[] signedBody, Action<SignatureParts>? spoil = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        request.Headers.Accept.ParseAdd("application/json");
        foreach (var (name, headerValue) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, headerValue);

        var wireTarget = new Uri(_http.BaseAddress!, target).PathAndQuery;
        var parts = new SignatureParts
        {
            MchId = _profile.MchId,
            Serial = _profile.MerchantSerial,
            Timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Nonce = Nonce.Create(),
            SignedMethod = method.Method,
            SignedTarget = wireTarget,
            SignedBody = signedBody,
        };
        spoil?.Invoke(parts);
        var signature = parts.AlterSignature(Rsa.Sign(_privateKey, SignatureMessage.ForRequest(parts.SignedMethod, parts.SignedTarget, parts.Timestamp, parts.Nonce, parts.SignedBody)));
        var value = parts.FormatHeader?.Invoke(parts, signature)
            ?? new AuthorizationHeader(parts.MchId, parts.Nonce, parts.Timestamp, parts.Serial, signature).ToString();
        request.Headers.TryAddWithoutValidation("Authorization", value);

        using var response = await _http.SendAsync(request);
        return await ApiAnswer.ReadAsync(response);
    }

    public void Dispose()
    {
        _http.Dispose();
        _privateKey.Dispose();
    }
}
