using System.Dynamic;
using Microsoft.CSharp.RuntimeBinder;

namespace WeChatPay.Chain;

/// <summary>
/// The names a response answers to through <c>dynamic</c> besides its own, so that code ported from axios
/// (<c>res.data</c>, <c>res.status</c>, <c>res.headers</c>) and from Guzzle (<c>$response->getStatusCode()</c>,
/// <c>(string)$response->getBody()</c>, <c>getHeaderLine()</c>) keeps reading the same, and the lower-case spelling of
/// every member (<c>r.json</c>) works as it does on the chain. Typed code sees none of this: the members are the ones
/// documented on the class.
/// </summary>
public sealed partial class WeChatPayResponse : DynamicObject
{
    /// <summary>What a dynamic read of a name gives; names are matched exactly, as C# matches them.</summary>
    private static readonly Dictionary<string, Func<WeChatPayResponse, object?>> PorterProperties = new(StringComparer.Ordinal)
    {
        ["json"] = response => response.Json,
        ["data"] = response => response.Json,
        ["status"] = response => response.Status,
        ["statusCode"] = response => response.Status,
        ["headers"] = response => response.Headers,
        ["body"] = response => response.Body,
        ["text"] = response => response.Text,
        ["requestId"] = response => response.RequestId,
        ["xml"] = response => response.Xml,
        ["call"] = response => response.Call,
    };

    /// <summary>What a dynamic call of a method name gives, with its arguments.</summary>
    private static readonly Dictionary<string, Func<WeChatPayResponse, object?[], object?>> PorterMethods = new(StringComparer.Ordinal)
    {
        ["getStatusCode"] = (response, _) => response.Status,
        ["getBody"] = (response, _) => response.Text,
        ["getHeaders"] = (response, _) => response.Headers,
        ["getHeaderLine"] = (response, arguments) => response.Header(HeaderName(arguments, "getHeaderLine")) ?? "",
        ["hasHeader"] = (response, arguments) => response.Header(HeaderName(arguments, "hasHeader")) is not null,
        ["header"] = (response, arguments) => response.Header(HeaderName(arguments, "header")),
    };

    /// <summary>
    /// Reads a porter's name through <c>dynamic</c>: <c>json</c> and <c>data</c> (<see cref="Json"/>), <c>status</c>
    /// and <c>statusCode</c> (<see cref="Status"/>), <c>headers</c>, <c>body</c> (bytes), <c>text</c>,
    /// <c>requestId</c>, <c>xml</c>, <c>call</c>. The class's own members are found first, as usual.
    /// </summary>
    /// <exception cref="RuntimeBinderException">Any other name, with the members to use instead.</exception>
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = PorterProperties.TryGetValue(binder.Name, out var read) ? read(this) : throw Unknown(binder.Name);
        return true;
    }

    /// <summary>
    /// Calls a porter's method through <c>dynamic</c>: <c>getStatusCode()</c>, <c>getBody()</c> (the body as text),
    /// <c>getHeaders()</c>, <c>getHeaderLine(name)</c> (empty when absent, as in Guzzle), <c>hasHeader(name)</c>,
    /// <c>header(name)</c>.
    /// </summary>
    /// <exception cref="RuntimeBinderException">Any other method, with the members to use instead.</exception>
    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
    {
        result = PorterMethods.TryGetValue(binder.Name, out var call) ? call(this, args ?? []) : throw Unknown(binder.Name + "()");
        return true;
    }

    private static string HeaderName(object?[] arguments, string method)
        => arguments is [string name] ? name : throw new RuntimeBinderException($"{method} takes one header name, as in r.{method}(\"Request-ID\").");

    private static RuntimeBinderException Unknown(string name) => new(
        $"A WeChatPayResponse has no '{name}'. Use Json (the JSON body: r.Json.order_id; also r.data, r.json), Status (r.status, r.getStatusCode()), " +
        "Headers and Header(name) (r.headers, r.getHeaderLine(name)), Text (r.getBody()), Body (the bytes), RequestId, Xml (APIv2 fields) or ToObject<T>().");
}
