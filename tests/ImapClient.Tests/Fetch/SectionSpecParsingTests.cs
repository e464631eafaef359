using System.Text;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Fetch;

/// <summary>Section specs read from the bytes, whole and split anywhere, into one normal form.</summary>
[TestFixture(0)]
[TestFixture(1)]
public class SectionSpecParsingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    [TestCase("HEADER.FIELDS (\"SUBJECT\" \"MESSAGE-ID\")", "HEADER.FIELDS (SUBJECT MESSAGE-ID)")]
    [TestCase("header.fields  ( Subject\t{10}\r\nMessage-ID )", "HEADER.FIELDS (SUBJECT MESSAGE-ID)")]
    [TestCase("1.2.HEADER.FIELDS.NOT (\"X-\\\"Q\\\\\" \"]\")", "1.2.HEADER.FIELDS.NOT (\"X-\\\"Q\\\\\" ])")]
    [TestCase("HEADER.FIELDS(FROM)", "HEADER.FIELDS (FROM)")]
    [TestCase("1.mime", "1.MIME")]
    [TestCase("HEADER.FIELDS (\"\" \"A B\" {3}\r\n(x))", "HEADER.FIELDS (\"\" \"A B\" \"(X)\")")]
    [TestCase("", "")]

    // '~' and '{' only announce a literal at the start of a token followed by a length; inside a name they are text.
    [TestCase("HEADER.FIELDS (X~Y List-Id)", "HEADER.FIELDS (X~Y LIST-ID)")]
    [TestCase("HEADER.FIELDS (\"X~Y\" \"~{1}\" \"A{B\")", "HEADER.FIELDS (X~Y ~{1} A{B)")]
    public void A_section_is_kept_in_normal_form(string sent, string normal)
    {
        var message = Fetch($"* 1 FETCH (BODY[{sent}]<3> {{2}}\r\nab)\r\n");
        var section = message.BodySections.Single();
        Assert.That((section.Section, section.Origin, Encoding.ASCII.GetString(section.Data!.Value.Span)), Is.EqualTo((normal, (long?)3, "ab")));
        Assert.That(section.Matches(sent), Is.True, "the server's own spelling matches too");
    }

    [TestCase("HEADER.FIELDS (SUBJECT)", "HEADER.FIELDS (SUBJECT FROM)")]
    [TestCase("HEADER.FIELDS (SUBJECT)", "HEADER.FIELDS.NOT (SUBJECT)")]
    [TestCase("1.MIME", "1")]
    public void Different_sections_do_not_match(string sent, string requested)
    {
        var message = Fetch($"* 1 FETCH (BODY[{sent}] {{2}}\r\nab)\r\n");
        Assert.That(message.BodySections.Single().Matches(requested), Is.False);
        Assert.That(message.GetSection(requested), Is.Null);
    }
}
