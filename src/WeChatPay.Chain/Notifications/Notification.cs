using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// A verified and decrypted callback notification: the envelope WeChat Pay posted and its decrypted <c>resource</c>.
/// </summary>
public sealed class Notification
{
    internal Notification(JObject envelope, string id, string eventType, string resourceText)
    {
        Envelope = envelope;
        Id = id;
        EventType = eventType;
        ResourceText = resourceText;
    }

    /// <summary>The posted JSON: <c>id</c>, <c>create_time</c>, <c>event_type</c>, <c>resource_type</c>, <c>summary</c>, <c>resource</c>.</summary>
    public JObject Envelope { get; }

    /// <summary>The notification id, the key for handling each notification once; never empty (the reader requires it).</summary>
    public string Id { get; }

    /// <summary>The event, e.g. <c>TRANSACTION.SUCCESS</c> or <c>PAYSCORE.USER_PAID</c>; never empty (the reader requires it).</summary>
    public string EventType { get; }

    /// <summary>WeChat Pay's one-line summary.</summary>
    public string? Summary => (string?)Envelope["summary"];

    /// <summary>The decrypted resource as text.</summary>
    public string ResourceText { get; }

    /// <summary>
    /// The decrypted resource as JSON; through <c>dynamic</c>, <c>n.Resource.out_order_no</c>. Times such as
    /// <c>success_time</c> stay the strings WeChat Pay sent.
    /// </summary>
    /// <exception cref="ResponseFormatException">The resource is not JSON.</exception>
    public JToken Resource
    {
        get
        {
            try
            {
                return TypedJson.Parse(new StringReader(ResourceText));
            }
            catch (JsonException e)
            {
                throw new ResponseFormatException($"The decrypted resource of notification {Id} is not JSON: {e.Message}", e);
            }
        }
    }

    /// <summary>Deserialises the decrypted resource into <typeparamref name="T"/> (Newtonsoft.Json rules: <c>[JsonProperty]</c> names, case-insensitive matching).</summary>
    /// <exception cref="ResponseFormatException">The resource is not JSON, or does not fit <typeparamref name="T"/>.</exception>
    public T? ResourceAs<T>()
    {
        var resource = Resource;
        try
        {
            return resource.ToObject<T>();
        }
        catch (Exception e) when (TypedJson.IsMismatch(e))
        {
            throw new ResponseFormatException($"The decrypted resource of notification {Id} does not fit {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{EventType} {Id}";
}
