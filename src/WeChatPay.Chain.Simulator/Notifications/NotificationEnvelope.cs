using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Notifications;

/// <summary>
/// Builds a notification body in WeChat Pay's shape: <c>id</c>, <c>create_time</c>, <c>event_type</c>,
/// <c>resource_type</c> <c>encrypt-resource</c>, <c>summary</c>, and <c>resource</c>, the order JSON encrypted with
/// AEAD_AES_256_GCM under the APIv3 key (AEAD_SM4_GCM in 国密), associated data and original type <c>payscore</c>.
/// </summary>
internal static class NotificationEnvelope
{
    private const string OriginalType = "payscore";

    public static (string Id, byte[] Body) Build(PayscoreEvent payscoreEvent, JsonObject resource, string apiV3Key, SignatureScheme scheme, DateTimeOffset now)
    {
        var sm4 = scheme == SignatureScheme.Sm2WithSm3;
        var plaintext = resource.ToJsonString(WireJson.Options);
        var id = Guid.NewGuid().ToString();
        var nonce = Nonce.Create(12);
        var envelope = new JsonObject
        {
            ["id"] = id,
            ["create_time"] = WireTime.Rfc3339(now),
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = payscoreEvent.EventType,
            ["summary"] = payscoreEvent.Summary,
            ["resource"] = new JsonObject
            {
                ["original_type"] = OriginalType,
                ["algorithm"] = sm4 ? AeadSm4Gcm.Algorithm : AeadAesGcm.Algorithm,
                ["ciphertext"] = sm4 ? new AeadSm4Gcm(apiV3Key).Encrypt(nonce, OriginalType, plaintext) : new AeadAesGcm(apiV3Key).Encrypt(nonce, OriginalType, plaintext),
                ["associated_data"] = OriginalType,
                ["nonce"] = nonce,
            },
        };
        return (id, WireJson.Serialize(envelope));
    }
}
