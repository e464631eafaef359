using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>ENABLED, ID, and the CLOSED and COPYUID codes, parsed whole and in one-byte segments.</summary>
[TestFixture(0)]
[TestFixture(1)]
public class ExtensionResponseParsingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private T Parse<T>(string response) where T : ImapResponse
    {
        var parsed = ResponseParser.Parse(Sequence(response), ImapLimits.Default);
        Assert.That(parsed.Response, Is.TypeOf<T>());
        return (T)parsed.Response;
    }

    [TestCase("* ENABLED\r\n", new string[0])]
    [TestCase("* ENABLED CONDSTORE UTF8=ACCEPT\r\n", new[] { "CONDSTORE", "UTF8=ACCEPT" })]
    [TestCase("* enabled IMAP4rev2 \r\n", new[] { "IMAP4rev2" })]
    public void ENABLED_lists_the_capabilities(string response, string[] expected) =>
        Assert.That(Parse<ImapEnabledResponse>(response).Capabilities.All, Is.EquivalentTo(expected));

    [Test]
    public void ID_NIL_has_no_fields() => Assert.That(Parse<ImapIdResponse>("* ID NIL\r\n").Fields, Is.Null);

    [Test]
    public void ID_fields_are_strings_values_nstrings_and_the_first_of_a_name_wins()
    {
        var fields = Parse<ImapIdResponse>("* ID (\"name\" \"Cyrus\" \"VERSION\" NIL {2}\r\nos \"Linux\" \"Name\" \"other\" \"x\" \"\")\r\n").Fields!;
        Assert.That(fields, Has.Count.EqualTo(4));
        Assert.That((fields["NAME"], fields["version"], fields["os"], fields["x"]), Is.EqualTo(("Cyrus", (string?)null, "Linux", "")));
    }

    [Test]
    public void ID_with_an_empty_list_has_no_fields() => Assert.That(Parse<ImapIdResponse>("* ID ()\r\n").Fields, Is.Empty);

    [TestCase("* ID (\"name\")\r\n")]
    [TestCase("* ID (\"name\" \"x\"\r\n")]
    [TestCase("* ID (name \"x\")\r\n")]
    [TestCase("* ID \"name\"\r\n")]
    public void A_malformed_ID_is_a_protocol_error(string response) =>
        Assert.Throws<ImapProtocolException>(() => ResponseParser.Parse(Sequence(response), ImapLimits.Default));

    [Test]
    public void CLOSED_is_a_known_code()
    {
        var status = Parse<ImapStatusResponse>("* OK [CLOSED] Previous mailbox closed.\r\n");
        Assert.That((status.Code!.Kind, status.Code.Name, status.Code.ToString()), Is.EqualTo((ImapResponseCodeKind.Closed, "CLOSED", "CLOSED")));
    }

    [TestCase("A1 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n", 38505u, "304,319:320", "3956:3958")]
    [TestCase("* OK [copyuid 1 5:3 7:9] Moved\r\n", 1u, "3:5", "7:9")]
    public void COPYUID_is_read_into_its_sets(string response, uint validity, string source, string destination)
    {
        var copy = CopyUidCode.TryRead(Parse<ImapStatusResponse>(response).Code)!;
        Assert.That((copy.UidValidity, copy.SourceUids!.ToString(), copy.DestinationUids!.ToString()), Is.EqualTo(((uint?)validity, source, destination)));
    }
}
