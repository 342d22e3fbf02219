using System.Text;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The shapes of APIv2 XML the reader takes as they are and the ones the writer refuses: what comes before the root,
/// text split over several nodes, comments and processing instructions, nested fields, and names and values XML cannot carry.
/// </summary>
public class ApiV2XmlShapeTests
{
    private static IReadOnlyDictionary<string, string> Read(string xml) => ApiV2Xml.Read(Encoding.UTF8.GetBytes(xml));

    [TestCase("<xml/>", true)]
    [TestCase("\uFEFF<xml/>", true)]
    [TestCase("\uFEFF \t\r\n<xml/>", true)]
    [TestCase(" \t\r\n<xml/>", true)]
    [TestCase("\t<xml/>", true)]
    [TestCase("\r<xml/>", true)]
    [TestCase("\n<xml/>", true)]
    [TestCase("", false)]
    [TestCase(" \t\r\n", false)]
    [TestCase("\uFEFF", false)]
    [TestCase("\uFEFF ", false)]
    [TestCase("x<xml/>", false)]
    [TestCase("\v<xml/>", false)]
    [TestCase("{\"xml\":1}", false)]
    public void A_body_is_xml_when_it_begins_with_a_bracket_after_a_byte_order_mark_and_white_space(string body, bool xml)
        => Assert.That(ApiV2Xml.LooksLikeXml(Encoding.UTF8.GetBytes(body)), Is.EqualTo(xml));

    [Test]
    public void Only_the_whole_utf8_byte_order_mark_is_skipped()
    {
        Assert.That(ApiV2Xml.LooksLikeXml(new byte[] { 0xEF, 0xBB, (byte)'<' }), Is.False);
        Assert.That(ApiV2Xml.LooksLikeXml(new byte[] { 0xEF, (byte)'<' }), Is.False);
        Assert.That(ApiV2Xml.LooksLikeXml(new byte[] { 0xBB, 0xBB, 0xBF, (byte)'<' }), Is.False);
        Assert.That(ApiV2Xml.LooksLikeXml(new byte[] { 0xEF, 0xBB, 0xBE, (byte)'<' }), Is.False);
        Assert.That(ApiV2Xml.LooksLikeXml(new byte[] { 0xEF, 0xBA, 0xBF, (byte)'<' }), Is.False);
        Assert.That(ApiV2Xml.LooksLikeXml(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'<' }), Is.True);
    }

    [Test]
    public void A_value_split_over_text_cdata_and_white_space_nodes_is_joined_in_order()
        => Assert.That(Read("<xml><a>one<![CDATA[ two ]]>three <![CDATA[four]]></a></xml>")["a"], Is.EqualTo("one two three four"));

    [Test]
    public void Comments_and_processing_instructions_are_skipped_inside_a_value()
        => Assert.That(Read("<xml><!-- c --><a>x<!-- y -->z<?pi data?>w</a><?pi?></xml>")["a"], Is.EqualTo("xzw"));

    [Test]
    public void A_document_that_is_only_a_comment_has_no_root()
    {
        var refused = Assert.Throws<ResponseFormatException>(() => Read("<!-- nothing -->"))!;
        Assert.That(refused.Message, Does.StartWith("The APIv2 message cannot be read as APIv2 XML: it is not well-formed XML (Root element is missing."));
    }

    [Test]
    public void A_field_that_holds_elements_keeps_them_as_xml_with_the_text_before_them()
    {
        var fields = Read("<xml><hblist>a&amp;b<![CDATA[c]]><hbinfo id=\"1\" kind='x'><openid>o1</openid><amount><![CDATA[100]]></amount><none/></hbinfo><hbinfo/></hblist><next>n</next></xml>");
        Assert.That(fields["hblist"], Is.EqualTo("a&amp;bc<hbinfo id=\"1\" kind=\"x\"><openid>o1</openid><amount><![CDATA[100]]></amount><none /></hbinfo><hbinfo /></hblist>"[..^"</hblist>".Length]));
        Assert.That(fields["next"], Is.EqualTo("n"), "the reader goes on after the field's end");
    }

    [Test]
    public void A_root_or_field_name_outside_ascii_is_shown_with_question_marks()
    {
        var root = Assert.Throws<ResponseFormatException>(() => Read("<订单/>"))!;
        Assert.That(root.Message, Does.Contain("its root element is <??>, not <xml>"));
        var written = Assert.Throws<RequestOptionsException>(() => ApiV2Xml.Write([new("订单", "1")]))!;
        Assert.That(written.Message, Does.StartWith("xml has a field named '??';"));
        var spaced = Assert.Throws<RequestOptionsException>(() => ApiV2Xml.Write([new("a b\u007F~\u0001", "1")]))!;
        Assert.That(spaced.Message, Does.StartWith("xml has a field named 'a b?~?';"), "a space and ~ are shown, DEL and controls are not");
    }

    [TestCase("a\tb\nc\rd", null)]
    [TestCase("\u0001", 0x0001)]
    [TestCase("tab\tthen\u0002", 0x0002)]
    [TestCase("\n\u001F", 0x001F)]
    [TestCase("\uFFFE", 0xFFFE)]
    [TestCase("x\uFFFF", 0xFFFF)]
    public void Control_characters_but_tab_and_line_breaks_and_the_two_non_characters_are_refused(string value, int? refused)
    {
        if (refused is null)
        {
            Assert.That(ApiV2Xml.Write([new("a", value)]), Is.EqualTo($"<xml><a><![CDATA[{value}]]></a></xml>"));
            return;
        }
        var e = Assert.Throws<RequestOptionsException>(() => ApiV2Xml.Write([new("a", value)]))!;
        Assert.That(e.Message, Is.EqualTo($"xml field 'a' holds the control character U+{refused:X4}, which XML cannot carry; remove it."));
    }

    [Test]
    public void A_value_with_a_cdata_end_is_split_across_two_sections_and_reads_back_whole()
    {
        var xml = ApiV2Xml.Write([new("a", "x]]>y")]);
        Assert.That(xml, Is.EqualTo("<xml><a><![CDATA[x]]]]><![CDATA[>y]]></a></xml>"));
        Assert.That(Read(xml)["a"], Is.EqualTo("x]]>y"));
    }

    [Test]
    public void Missing_arguments_are_refused_by_name()
    {
        Assert.That(() => ApiV2Xml.Write(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("fields"));
        Assert.That(() => ApiV2Xml.Read(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("body"));
        Assert.That(() => ApiV2Signature.Sign(null!, "0123456789abcdefghijklmnopqrstuv"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("fields"));
        Assert.That(() => ApiV2Signature.IsValid(null!, "0123456789abcdefghijklmnopqrstuv"), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("fields"));
    }

    [Test]
    public void A_field_opened_and_closed_with_nothing_between_is_empty()
        => Assert.That(Read("<xml><a></a><b/></xml>"), Is.EqualTo(new Dictionary<string, string> { ["a"] = "", ["b"] = "" }));

    [Test]
    public void White_space_kept_by_xml_space_between_fields_is_passed_over()
        => Assert.That(Read("<xml xml:space=\"preserve\">\n  <a>1</a>\n  <b> 2 </b>\n</xml>"), Is.EqualTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = " 2 " }));
}
