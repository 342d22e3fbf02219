using System.Net;
using Microsoft.CSharp.RuntimeBinder;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// How <see cref="ChainNode"/> joins paths and which lower-case verbs of ported JavaScript and PHP it answers, seen
/// through the requests a client sends.
/// </summary>
public class ChainNodeTests
{
    private StubHandler _stub = null!;
    private dynamic _wx = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new StubHandler { Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{}") };
        _wx = Builder.Factory(Fixtures.Options(_stub));
    }

    [TearDown]
    public void TearDown()
    {
        ((ChainRoot)_wx).Client.Dispose();
        _stub.Dispose();
    }

    private ChainNode Root => (ChainNode)_wx;

    [Test]
    public void A_path_joined_onto_a_parent_that_ends_in_a_slash_gets_no_second_slash()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Root.Chain("v3/marketing/").Chain("favor").ToString(), Is.EqualTo("v3/marketing/favor"));
            Assert.That(Root["v3/marketing/"]["/favor/stocks"].ToString(), Is.EqualTo("v3/marketing/favor/stocks"));
            Assert.That(Root.Chain("v3/marketing/").Member("Favor").ToString(), Is.EqualTo("v3/marketing/favor"));
            Assert.That(Root.Chain("v3").Chain("marketing").ToString(), Is.EqualTo("v3/marketing"));
            Assert.That(Root.Chain("/v3").ToString(), Is.EqualTo("v3"), "the root adds no slash before the first segment");
        });
    }

    [Test]
    public void A_path_joined_onto_a_parent_that_ends_in_a_slash_is_sent_with_one_slash()
    {
        Root.Chain("v3/marketing/").Chain("favor/stocks").Get();
        Assert.That(_stub.Last.Target, Is.EqualTo("/v3/marketing/favor/stocks"));
    }

    [Test]
    public void A_null_path_is_refused_by_name()
        => Assert.That(Assert.Throws<ArgumentNullException>(() => Root.Chain(null!))!.ParamName, Is.EqualTo("path"));

    [TestCase("get", "GET")]
    [TestCase("post", "POST")]
    [TestCase("put", "PUT")]
    [TestCase("patch", "PATCH")]
    [TestCase("delete", "DELETE")]
    public void Each_lower_case_synchronous_verb_with_no_argument_sends_its_method(string verb, string method)
    {
        var response = Invoke(_wx.v3.marketing.favor.stocks, verb);
        Assert.That(response, Is.InstanceOf<WeChatPayResponse>());
        Assert.That((_stub.Last.Method, _stub.Last.Target, _stub.Last.Synchronous), Is.EqualTo((method, "/v3/marketing/favor/stocks", LibraryBuild.SendsSynchronously)));
    }

    [TestCase("getAsync", "GET")]
    [TestCase("postAsync", "POST")]
    [TestCase("putAsync", "PUT")]
    [TestCase("patchAsync", "PATCH")]
    [TestCase("deleteAsync", "DELETE")]
    public async Task Each_lower_case_asynchronous_verb_with_no_argument_sends_its_method(string verb, string method)
    {
        var response = await (Task<WeChatPayResponse>)Invoke(_wx.v3.marketing.favor.stocks, verb);
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That((_stub.Last.Method, _stub.Last.Target, _stub.Last.Synchronous), Is.EqualTo((method, "/v3/marketing/favor/stocks", false)));
    }

    [TestCase("getAsync")]
    [TestCase("postAsync")]
    [TestCase("putAsync")]
    [TestCase("patchAsync")]
    [TestCase("deleteAsync")]
    public void Each_lower_case_asynchronous_verb_honours_a_cancellation_token_as_second_argument(string verb)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var call = (Task<WeChatPayResponse>)Invoke(_wx.v3.marketing.favor.stocks, verb, new { query = new { limit = 1 } }, cancelled.Token);
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_stub.Seen, Is.Empty);
    }

    [Test]
    public async Task A_lower_case_verb_with_options_and_a_token_sends_the_options()
    {
        WeChatPayResponse response = await _wx.v3.marketing.favor.stocks.postAsync(new { json = new { stock_name = "x" } }, CancellationToken.None);
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That((_stub.Last.Method, _stub.Last.BodyText), Is.EqualTo(("POST", "{\"stock_name\":\"x\"}")));
    }

    [Test]
    public void A_second_argument_that_is_not_a_token_is_ignored()
    {
        WeChatPayResponse response = _wx.v3.marketing.favor.stocks.get(new { query = new { limit = 1 } }, "not a token");
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(_stub.Last.Target, Is.EqualTo("/v3/marketing/favor/stocks?limit=1"));
    }

    [Test]
    public void Lower_case_chain_takes_exactly_one_path()
    {
        Assert.Multiple(() =>
        {
            Assert.That(((object)_wx.v3.chain("marketing/favor")).ToString(), Is.EqualTo("v3/marketing/favor"));
            Assert.That(() => _wx.v3.chain(), Throws.InstanceOf<RuntimeBinderException>());
            Assert.That(() => _wx.v3.chain("a", "b"), Throws.InstanceOf<RuntimeBinderException>());
            Assert.That(() => _wx.v3.chain(42), Throws.InstanceOf<RuntimeBinderException>());
        });
    }

    [Test]
    public void An_unknown_lower_case_name_is_not_a_verb()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => _wx.v3.marketing.send(), Throws.InstanceOf<RuntimeBinderException>());
            Assert.That(() => _wx.v3.marketing.head(), Throws.InstanceOf<RuntimeBinderException>());
        });
        Assert.That(_stub.Seen, Is.Empty);
    }

    [Test]
    public void Member_names_are_remembered_and_listed()
    {
        Assert.That(Root.GetDynamicMemberNames(), Is.Empty, "a node lists nothing before its first member");
        object first = _wx.V3.Marketing;
        object again = _wx.V3.Marketing;
        Assert.That(first, Is.SameAs(again));
        Assert.That(Root.GetDynamicMemberNames(), Is.EqualTo(new[] { "V3" }));
        Assert.That(Root.Member("V3").GetDynamicMemberNames(), Is.EqualTo(new[] { "Marketing" }));
        Assert.That(Root.Chain("v3").GetDynamicMemberNames(), Is.Empty, "a verbatim node is new each time");
    }

    [Test]
    public void Member_names_are_case_sensitive_children()
    {
        object upper = _wx.V3.Pay;
        object lower = _wx.V3.pay;
        Assert.That(upper.ToString(), Is.EqualTo("v3/pay"));
        Assert.That(lower.ToString(), Is.EqualTo("v3/pay"));
        Assert.That(Root.Member("V3").GetDynamicMemberNames(), Is.EquivalentTo(new[] { "Pay", "pay" }));
    }

    [Test]
    public async Task Lower_case_verbs_called_through_dynamic_with_no_argument_send_without_options()
    {
        WeChatPayResponse post = _wx.v3.marketing.favor.stocks.post();
        WeChatPayResponse delete = await _wx.v3.marketing.favor.stocks.deleteAsync();
        Assert.That(new[] { post.Status, delete.Status }, Is.All.EqualTo(200));
        Assert.That(_stub.Seen.Select(s => (s.Method, s.Target, s.Body.Length)), Is.EqualTo(new[] { ("POST", "/v3/marketing/favor/stocks", 0), ("DELETE", "/v3/marketing/favor/stocks", 0) }));
    }

    [Test]
    public void A_verb_invoked_with_no_argument_list_at_all_sends_without_options()
    {
        Assert.That(Root.Chain("v3/marketing/favor/stocks").TryInvokeMember(new Verb("get"), null, out var result), Is.True);
        Assert.That(((WeChatPayResponse)result!).Status, Is.EqualTo(200));
        Assert.That(_stub.Last.Target, Is.EqualTo("/v3/marketing/favor/stocks"));
    }

    private static object Invoke(object node, string verb, params object?[] args)
        => ((ChainNode)node).TryInvokeMember(new Verb(verb), args, out var result) ? result! : throw new RuntimeBinderException($"{verb} is not a verb");

    /// <summary>The binder the C# compiler would make for a call of <c>name</c>, for calling the node's dynamic dispatch directly.</summary>
    private sealed class Verb(string name) : System.Dynamic.InvokeMemberBinder(name, false, new System.Dynamic.CallInfo(0))
    {
        public override System.Dynamic.DynamicMetaObject FallbackInvokeMember(System.Dynamic.DynamicMetaObject target, System.Dynamic.DynamicMetaObject[] args, System.Dynamic.DynamicMetaObject? errorSuggestion)
            => throw new NotSupportedException();

        public override System.Dynamic.DynamicMetaObject FallbackInvoke(System.Dynamic.DynamicMetaObject target, System.Dynamic.DynamicMetaObject[] args, System.Dynamic.DynamicMetaObject? errorSuggestion)
            => throw new NotSupportedException();
    }
}
