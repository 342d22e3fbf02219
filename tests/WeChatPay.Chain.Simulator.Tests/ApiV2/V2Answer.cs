using System.Net;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>An APIv2 answer read whole: status, content type, the exact body, and the body as APIv2 fields.</summary>
public sealed class V2Answer(HttpStatusCode status, string? contentType, byte[] body)
{
    public HttpStatusCode Status { get; } = status;

    public string? ContentType { get; } = contentType;

    public byte[] Body { get; } = body;

    public string Text => Encoding.UTF8.GetString(Body);

    public ApiV2Fields Xml => ApiV2Xml.Read(Body, "the simulator's answer");

    public string? Field(string name) => Xml.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"HTTP {(int)Status} {Text}";
}
