namespace WeChatPay.Chain.Client;

/// <summary>A typed value carried with a request through the handler pipeline.</summary>
/// <typeparam name="T">The value's type.</typeparam>
internal sealed class RequestProperty<T>(string name)
{
#if NET
    private readonly HttpRequestOptionsKey<T> _key = new(name);

    /// <summary>Sets the value on the request.</summary>
    public void Set(HttpRequestMessage request, T value) => request.Options.Set(_key, value);

    /// <summary>The value on the request, if set.</summary>
    public bool TryGet(HttpRequestMessage request, out T value) => request.Options.TryGetValue(_key, out value!);
#else
    /// <summary>Sets the value on the request.</summary>
    public void Set(HttpRequestMessage request, T value) => request.Properties[name] = value;

    /// <summary>The value on the request, if set.</summary>
    public bool TryGet(HttpRequestMessage request, out T value)
    {
        if (request.Properties.TryGetValue(name, out var stored) && stored is T typed)
        {
            value = typed;
            return true;
        }
        value = default!;
        return false;
    }
#endif
}
