using System.Text;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Tests.ApiV2;

/// <summary>
/// APIv2 XML is read as hostile input: every attack on an XML parser ends in a <see cref="ResponseFormatException"/>
/// that says why, before any entity is expanded or anything outside the document is read.
/// </summary>
public class ApiV2XmlTests
{
    private static ApiV2Fields Read(string xml) => ApiV2Xml.Read(Encoding.UTF8.GetBytes(xml), "The answer");

    private static string Refused(string xml) => Assert.Throws<ResponseFormatException>(() => Read(xml))!.Message;

    [Test]
    public void Fields_are_read_in_document_order_from_CDATA_text_and_entities()
    {
        var fields = Read("<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>1</total_fee><attach>a &amp; b</attach><empty/><blank></blank></xml>");

        Assert.That(fields.Keys, Is.EqualTo(new[] { "return_code", "total_fee", "attach", "empty", "blank" }));
        Assert.That(fields["return_code"], Is.EqualTo("SUCCESS"));
        Assert.That(fields["attach"], Is.EqualTo("a & b"));
        Assert.That(fields["empty"], Is.Empty);
    }

    [Test]
    public void A_field_that_holds_elements_keeps_them_as_XML()
    {
        var fields = Read("<xml><hblist><hbinfo><openid>o1</openid><amount>100</amount></hbinfo></hblist><status>RECEIVED</status></xml>");

        Assert.That(fields["hblist"], Is.EqualTo("<hbinfo><openid>o1</openid><amount>100</amount></hbinfo>"));
        Assert.That(Read("<xml><a>x &amp; <b>1</b>y</a></xml>")["a"], Is.EqualTo("x &amp; <b>1</b>y"), "text around the elements is kept, escaped");
        Assert.That(fields["status"], Is.EqualTo("RECEIVED"));
    }

    [Test]
    public void Writing_then_reading_keeps_every_value_including_CDATA_terminators_and_markup()
    {
        var values = new Dictionary<string, string> { ["body"] = "a]]>b<c>&d", ["detail"] = "{\"goods\":[1]}", ["blank"] = "  ", ["zh"] = "图片" };

        var xml = ApiV2Xml.Write(values);

        Assert.That(Read(xml).ToDictionary(f => f.Key, f => f.Value), Is.EqualTo(values));
        Assert.That(xml, Does.StartWith("<xml><body><![CDATA[a]]]]><![CDATA[>b<c>&d]]></body>"));
    }

    [TestCase("1abc")]
    [TestCase("a b")]
    [TestCase("a<b")]
    [TestCase("")]
    [TestCase("名字")]
    public void A_field_name_that_is_not_an_APIv2_name_is_refused(string name)
        => Assert.That(Assert.Throws<RequestOptionsException>(() => ApiV2Xml.Write([new(name, "v")]))!.Message, Does.Contain("APIv2 field names"));

    [Test]
    public void A_control_character_in_a_value_is_refused()
        => Assert.That(Assert.Throws<RequestOptionsException>(() => ApiV2Xml.Write([new("body", "a\u0001b")]))!.Message, Does.Contain("U+0001"));

    [Test]
    public void An_external_file_entity_is_refused_unread()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var message = Refused($"<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file://{secret}\">]><xml><a>&x;</a></xml>");

            Assert.That(message, Does.Contain("DOCTYPE").And.Not.Contain("TOP-SECRET"));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Test]
    public void An_external_http_entity_and_an_external_DTD_are_refused()
    {
        Assert.That(Refused("<!DOCTYPE xml [<!ENTITY x SYSTEM \"http://127.0.0.1:9/leak\">]><xml><a>&x;</a></xml>"), Does.Contain("DOCTYPE"));
        Assert.That(Refused("<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/evil.dtd\"><xml><a>1</a></xml>"), Does.Contain("DOCTYPE"));
    }

    [Test]
    public void A_billion_laughs_is_refused_before_any_expansion()
    {
        var lol = new StringBuilder("<!DOCTYPE xml [<!ENTITY l0 \"lol\">");
        for (var i = 1; i < 10; i++) lol.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        lol.Append("]><xml><a>&l9;</a></xml>");

        Assert.That(Refused(lol.ToString()), Does.Contain("DOCTYPE"));
    }

    [Test]
    public void A_quadratic_blowup_is_refused()
    {
        var big = new string('x', 50_000);
        var xml = $"<!DOCTYPE xml [<!ENTITY a \"{big}\">]><xml><a>{string.Concat(Enumerable.Repeat("&a;", 1000))}</a></xml>";

        Assert.That(Refused(xml), Does.Contain("DOCTYPE"));
    }

    [Test]
    public void An_undeclared_entity_is_not_well_formed()
        => Assert.That(Refused("<xml><a>&undeclared;</a></xml>"), Does.Contain("not well-formed"));

    [TestCase("{\"return_code\":\"SUCCESS\"}", "not well-formed")]
    [TestCase("SUCCESS", "not well-formed")]
    [TestCase("", "not well-formed")]
    [TestCase("<xml><a>1</a>", "not well-formed")]
    [TestCase("<root><a>1</a></root>", "root element is <root>")]
    [TestCase("<XML><a>1</a></XML>", "root element is <XML>")]
    [TestCase("<xmm><a>1</a></xmm>", "root element is <xmm>")]
    [TestCase("<abc></abc></xml>", "root element is <abc>")]
    [TestCase("<xml>loose text<a>1</a></xml>", "text directly inside")]
    [TestCase("<xml><a>1</a><a>2</a></xml>", "appears twice")]
    [TestCase("<xml><a>1</a></xml><xml><a>2</a></xml>", "not well-formed")]
    [TestCase("<xml><a>1</a <b>2</b></xml>", "not well-formed")]
    [TestCase("<xml><a>1</ab></xml>", "not well-formed")]
    [TestCase("<xml><a>x]]>y</a></xml>", "not well-formed")]
    [TestCase("<xml><a>1</a></xml>junk", "not well-formed")]
    [TestCase("<xml><a><![CDATA[1]]></a><b><![CDATA[2</b></xml>", "not well-formed")]
    [TestCase("<xml><a>\u0001</a></xml>", "not well-formed")]
    public void What_is_not_a_flat_APIv2_document_is_refused_with_the_reason(string xml, string reason)
        => Assert.That(Refused(xml), Does.Contain(reason).And.StartWith("The answer cannot be read as APIv2 XML"));

    [Test]
    public void Nesting_deeper_than_the_cap_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<n>", ApiV2Xml.MaxDepth + 1)) + string.Concat(Enumerable.Repeat("</n>", ApiV2Xml.MaxDepth + 1));

        Assert.That(Refused($"<xml><a>{deep}</a></xml>"), Does.Contain($"deeper than {ApiV2Xml.MaxDepth}"));
        Assert.That(() => Read($"<xml><a>{string.Concat(Enumerable.Repeat("<n>", ApiV2Xml.MaxDepth - 1))}{string.Concat(Enumerable.Repeat("</n>", ApiV2Xml.MaxDepth - 1))}</a></xml>"), Throws.Nothing);
    }

    [Test]
    public void A_document_over_the_character_cap_is_refused()
        => Assert.That(Refused($"<xml><a>{new string('x', ApiV2Xml.MaxCharacters)}</a></xml>"), Does.Contain($"longer than {ApiV2Xml.MaxCharacters:N0}"));

    [Test]
    public void The_form_WeChat_Pay_writes_is_read_without_an_XmlReader()
    {
        var answer = "\uFEFF<xml>\n  <return_code><![CDATA[SUCCESS]]></return_code>\n  <total_fee>100</total_fee><attach></attach><body><![CDATA[商品 <1> & \"2\"]]></body>\n</xml>\n"u8.ToArray();

        Assert.That(ApiV2Xml.Plain(answer, "xml"), Is.EqualTo(new Dictionary<string, string> { ["return_code"] = "SUCCESS", ["total_fee"] = "100", ["attach"] = "", ["body"] = "商品 <1> & \"2\"" }));
        Assert.That(ApiV2Xml.Read(answer), Is.EquivalentTo(ApiV2Xml.Plain(answer, "xml")!));
    }

    [TestCase("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><a>1</a></xml>")]
    [TestCase("<xml><a>x &amp; y</a></xml>")]
    [TestCase("<xml><a><![CDATA[x\r\ny]]></a></xml>")]
    [TestCase("<xml><a id=\"1\">1</a></xml>")]
    [TestCase("<xml><a/></xml>")]
    [TestCase("<xml><!-- note --><a>1</a></xml>")]
    public void Any_other_form_is_left_to_the_XmlReader_which_reads_it(string xml)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(xml);

        Assert.That(ApiV2Xml.Plain(bytes, "xml"), Is.Null);
        Assert.That(ApiV2Xml.Read(bytes).Keys, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void A_carriage_return_in_a_value_becomes_a_line_feed_as_XML_says()
        => Assert.That(ApiV2Xml.Read("<xml><a><![CDATA[x\r\ny\rz]]></a></xml>"u8.ToArray())["a"], Is.EqualTo("x\ny\nz"));

    [TestCase(0x80)]
    [TestCase(0xC3)]
    [TestCase(0xFF)]
    public void A_value_whose_bytes_are_not_UTF_8_is_refused_as_the_XmlReader_refuses_it(int notUtf8)
    {
        byte[] xml = [.. "<xml><a>x"u8, (byte)notUtf8, .. "y</a></xml>"u8];

        Assert.That(ApiV2Xml.Plain(xml, "xml"), Is.Null);
        Assert.That(() => ApiV2Xml.Read(xml), Throws.TypeOf<ResponseFormatException>().With.Message.Contains("not well-formed"));
    }
}
