using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.ProfitSharing;

/// <summary>The body of <c>POST /v3/profitsharing/receivers/delete</c>: which receiver, under which app id.</summary>
internal sealed record DeleteReceiverRequest(string AppId, string Type, string Account)
{
    /// <exception cref="ApiError">400 PARAM_ERROR naming the field.</exception>
    public static DeleteReceiverRequest Parse(RawRequest request)
    {
        var body = JsonFields.ParseBody(request.Body);
        return new DeleteReceiverRequest(
            body.RequiredString("appid", ReceiverFields.AppIdLength),
            AddReceiverRequest.OneOf(body, "type", ReceiverFields.Types),
            body.RequiredString("account", ReceiverFields.AccountLength));
    }
}
