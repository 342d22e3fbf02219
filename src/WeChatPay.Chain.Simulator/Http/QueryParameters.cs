namespace WeChatPay.Chain.Simulator.Http;

/// <summary>Reads query parameters the way the simulator's GET endpoints want them: once each, empty meaning absent.</summary>
internal static class QueryParameters
{
    /// <summary>The value of <paramref name="name"/>, or null when it is missing or empty.</summary>
    /// <exception cref="ApiError">400 PARAM_ERROR: the parameter is given more than once.</exception>
    public static string? Optional(RawRequest request, string name)
    {
        if (!request.Http.Query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw ApiError.Param(name, "must be given once", "query");
        var value = values.ToString();
        return value.Length == 0 ? null : value;
    }

    /// <exception cref="ApiError">400 PARAM_ERROR: the parameter is missing, empty or repeated.</exception>
    public static string Required(RawRequest request, string name)
        => Optional(request, name) ?? throw ApiError.Param(name, "is required", "query");
}
