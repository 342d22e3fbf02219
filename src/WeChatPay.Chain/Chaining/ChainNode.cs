using System.Collections.Concurrent;
using System.Dynamic;

namespace WeChatPay.Chain.Chaining;

/// <summary>
/// One node of the chained syntax: a path so far. Member access adds a normalised segment
/// (<c>wx.V3.Payscore.SmartretailOrders</c>), <see cref="Chain"/> and the indexer add a verbatim path, and the verb
/// methods send the request. Member-access children are memoised (their number is bounded by the source code);
/// verbatim paths are not, since they may carry per-call values.
/// </summary>
public class ChainNode : DynamicObject
{
    private readonly IChainSender _sender;
    private readonly string _path;
    // Made on the first member access: nodes from Chain(…) and the indexer, one per call, rarely get children.
    private ConcurrentDictionary<string, ChainNode>? _children;

    private protected ChainNode(IChainSender sender, string path)
    {
        _sender = sender;
        _path = path;
    }

    /// <summary>
    /// What the sender made of this node's path (a parsed template), kept with the node so that a path written in code
    /// is parsed once however often it is called.
    /// </summary>
    internal object? Prepared { get; set; }

    /// <summary>The path template of this node, as <see cref="ToString"/> gives it.</summary>
    internal string Path => _path;

    /// <summary>A child node for a path taken verbatim (no case mangling); <c>{name}</c> marks a placeholder.</summary>
    public ChainNode Chain(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.TrimStart('/');
        return new ChainNode(_sender, _path.Length == 0 ? path : _path.EndsWith('/') ? $"{_path}{path}" : $"{_path}/{path}");
    }

    /// <summary>The same as <see cref="Chain"/>: <c>wx["v3/payscore/smartretail-orders"]</c>.</summary>
    public ChainNode this[string path] => Chain(path);

    /// <summary>The child for a member name, normalised by <see cref="PathSegment.FromMemberName"/>.</summary>
    public ChainNode Member(string name) => Children.GetOrAdd(name, static (n, parent) => parent.Chain(PathSegment.FromMemberName(n)), this);

    /// <inheritdoc />
    public override bool TryGetMember(GetMemberBinder binder, out object? result)
    {
        result = Member(binder.Name);
        return true;
    }

    /// <summary>
    /// Accepts the lower-case verbs of ported JavaScript and PHP (<c>get</c>, <c>postAsync</c>, <c>chain</c>, …);
    /// the PascalCase methods are bound directly.
    /// </summary>
    public override bool TryInvokeMember(InvokeMemberBinder binder, object?[]? args, out object? result)
        => (result = InvokeVerb(binder.Name, args ?? [])) is not null;

    /// <summary>What a lower-case verb or <c>chain</c> called with <paramref name="args"/> returns; null for any other name.</summary>
    private object? InvokeVerb(string name, object?[] args)
    {
        var options = args.Length > 0 ? args[0] : null;
        var token = args.Length > 1 && args[1] is CancellationToken ? (CancellationToken)args[1]! : default;
        return name switch
        {
            "chain" when args.Length == 1 && args[0] is string => Chain((string)args[0]!),
            "get" => Get(options),
            "post" => Post(options),
            "put" => Put(options),
            "patch" => Patch(options),
            "delete" => Delete(options),
            "getAsync" => GetAsync(options, token),
            "postAsync" => PostAsync(options, token),
            "putAsync" => PutAsync(options, token),
            "patchAsync" => PatchAsync(options, token),
            "deleteAsync" => DeleteAsync(options, token),
            _ => null,
        };
    }

    /// <summary>The member names memoised so far.</summary>
    public override IEnumerable<string> GetDynamicMemberNames() => _children?.Keys ?? [];

    /// <summary>Sends GET; see the client's <c>SendAsync</c> for options and exceptions.</summary>
    public Task<WeChatPayResponse> GetAsync(object? options = null, CancellationToken cancellationToken = default) => _sender.SendAsync(HttpMethod.Get, this, options, cancellationToken);

    /// <summary>Sends POST.</summary>
    public Task<WeChatPayResponse> PostAsync(object? options = null, CancellationToken cancellationToken = default) => _sender.SendAsync(HttpMethod.Post, this, options, cancellationToken);

    /// <summary>Sends PUT.</summary>
    public Task<WeChatPayResponse> PutAsync(object? options = null, CancellationToken cancellationToken = default) => _sender.SendAsync(HttpMethod.Put, this, options, cancellationToken);

    /// <summary>Sends PATCH.</summary>
    public Task<WeChatPayResponse> PatchAsync(object? options = null, CancellationToken cancellationToken = default) => _sender.SendAsync(HttpMethod.Patch, this, options, cancellationToken);

    /// <summary>Sends DELETE.</summary>
    public Task<WeChatPayResponse> DeleteAsync(object? options = null, CancellationToken cancellationToken = default) => _sender.SendAsync(HttpMethod.Delete, this, options, cancellationToken);

    /// <summary>Sends GET synchronously; see the client's <c>Send</c>.</summary>
    public WeChatPayResponse Get(object? options = null) => _sender.Send(HttpMethod.Get, this, options);

    /// <summary>Sends POST synchronously.</summary>
    public WeChatPayResponse Post(object? options = null) => _sender.Send(HttpMethod.Post, this, options);

    /// <summary>Sends PUT synchronously.</summary>
    public WeChatPayResponse Put(object? options = null) => _sender.Send(HttpMethod.Put, this, options);

    /// <summary>Sends PATCH synchronously.</summary>
    public WeChatPayResponse Patch(object? options = null) => _sender.Send(HttpMethod.Patch, this, options);

    /// <summary>Sends DELETE synchronously.</summary>
    public WeChatPayResponse Delete(object? options = null) => _sender.Send(HttpMethod.Delete, this, options);

    /// <summary>The path template of this node, e.g. <c>v3/payscore/smartretail-orders</c>.</summary>
    public override string ToString() => _path;

    private ConcurrentDictionary<string, ChainNode> Children
        => LazyInitializer.EnsureInitialized(ref _children, static () => new ConcurrentDictionary<string, ChainNode>(StringComparer.Ordinal));
}
