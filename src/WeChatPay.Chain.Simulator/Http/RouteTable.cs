namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Maps method and path to a handler. Paths are matched on the raw request-target, each segment percent-decoded
/// exactly once, so <c>{out_order_no}</c> receives what the client encoded and an encoded <c>/</c> can never split a
/// value into two segments. An unknown path is 404 RESOURCE_NOT_EXISTS; a known path with another method is 405.
/// </summary>
internal sealed class RouteTable
{
    private readonly List<Route> _routes = [];

    public delegate Reply Handler(RawRequest request, IReadOnlyDictionary<string, string> values);

    /// <param name="method">The HTTP method.</param>
    /// <param name="template">A path such as <c>/v3/payscore/smartretail-orders/{out_order_no}/cancel</c>.</param>
    /// <param name="handler">What answers it.</param>
    public RouteTable Add(string method, string template, Handler handler)
    {
        _routes.Add(new Route(method, template.Split('/'), handler));
        return this;
    }

    /// <exception cref="ApiError">No route matches.</exception>
    public Reply Dispatch(RawRequest request)
    {
        var segments = request.RawPath.Split('/').Select(Uri.UnescapeDataString).ToArray();
        var allowed = new List<string>();
        foreach (var route in _routes)
        {
            if (route.Match(segments) is not { } values) continue;
            if (string.Equals(route.Method, request.Method, StringComparison.OrdinalIgnoreCase)) return route.Handler(request, values);
            allowed.Add(route.Method);
        }
        if (allowed.Count > 0)
        {
            request.Http.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
            throw new ApiError(405, ErrorCodes.InvalidRequest, $"{request.Method} is not supported on this path; use {string.Join(" or ", allowed)}");
        }
        throw new ApiError(404, ErrorCodes.ResourceNotExists, $"The simulator has no API at {request.RawPath}");
    }

    private sealed record Route(string Method, string[] Template, Handler Handler)
    {
        public Dictionary<string, string>? Match(string[] segments)
        {
            if (segments.Length != Template.Length) return null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < segments.Length; i++)
            {
                var part = Template[i];
                if (part.Length > 2 && part[0] == '{' && part[^1] == '}') values[part[1..^1]] = segments[i];
                else if (!string.Equals(part, segments[i], StringComparison.Ordinal)) return null;
            }
            return values;
        }
    }
}
