using System.Buffers;
using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Protocol;

/// <summary>The response codes of RFC 3501 section 7.1 (and unknown ones), parsed from whole status responses.</summary>
public class ResponseCodeTests
{
    private static ImapStatusResponse ParseStatus(string wire)
    {
        var parsed = ResponseParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire)), ImapLimits.Default);
        Assert.That(parsed.Response, Is.TypeOf<ImapStatusResponse>());
        return (ImapStatusResponse)parsed.Response;
    }

    [Test]
    public void ALERT_is_recognised_and_the_text_kept()
    {
        var status = ParseStatus("* OK [ALERT] System shutdown in 10 minutes\r\n");
        Assert.That(status.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Alert));
        Assert.That(status.Code.Name, Is.EqualTo("ALERT"));
        Assert.That(status.Code.Arguments, Is.Null);
        Assert.That(status.Text, Is.EqualTo("System shutdown in 10 minutes"));
    }

    [Test]
    public void BADCHARSET_with_a_list_carries_the_charsets()
    {
        var status = ParseStatus("A0003 NO [BADCHARSET (UTF-8 \"US-ASCII\" {10}\r\nISO-8859-1)] Charset not supported\r\n");
        Assert.That(status.Tag, Is.EqualTo("A0003"));
        Assert.That(status.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.BadCharset));
        Assert.That(status.Code.Charsets, Is.EqualTo(new[] { "UTF-8", "US-ASCII", "ISO-8859-1" }));
        Assert.That(status.Text, Is.EqualTo("Charset not supported"));
    }

    [Test]
    public void BADCHARSET_without_a_list_has_no_charsets()
    {
        var status = ParseStatus("A0003 NO [BADCHARSET] Charset not supported\r\n");
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.BadCharset));
        Assert.That(status.Code.Charsets, Is.Empty);
        Assert.That(status.Text, Is.EqualTo("Charset not supported"));
    }

    [Test]
    public void CAPABILITY_carries_typed_capabilities()
    {
        var status = ParseStatus("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=CRAM-MD5 AUTH=digest-md5 IDLE] Dovecot ready.\r\n");
        var capabilities = status.Code!.Capabilities!;
        Assert.That(status.Code.Kind, Is.EqualTo(ImapResponseCodeKind.Capability));
        Assert.That(capabilities.Imap4Rev1, Is.True);
        Assert.That(capabilities.LiteralPlus, Is.True);
        Assert.That(capabilities.SaslInitialResponse, Is.True);
        Assert.That(capabilities.Idle, Is.True);
        Assert.That(capabilities.LoginDisabled, Is.False);
        Assert.That(capabilities.AuthenticationMechanisms, Is.EquivalentTo(new[] { "CRAM-MD5", "DIGEST-MD5" }));
        Assert.That(status.Text, Is.EqualTo("Dovecot ready."));
    }

    [Test]
    public void PARSE_is_recognised()
    {
        var status = ParseStatus("* NO [PARSE] Bad header in message 3\r\n");
        Assert.That(status.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Parse));
        Assert.That(status.Text, Is.EqualTo("Bad header in message 3"));
    }

    [Test]
    public void PERMANENTFLAGS_with_backslash_star_allows_new_keywords()
    {
        var status = ParseStatus("* OK [PERMANENTFLAGS (\\Deleted \\Seen $Forwarded \\*)] Limited\r\n");
        var flags = status.Code!.Flags!;
        Assert.That(status.Code.Kind, Is.EqualTo(ImapResponseCodeKind.PermanentFlags));
        Assert.That(flags.System, Is.EqualTo(SystemFlags.Deleted | SystemFlags.Seen));
        Assert.That(flags.Keywords, Is.EqualTo(new[] { "$Forwarded" }));
        Assert.That(flags.AllowsNewKeywords, Is.True);
    }

    [Test]
    public void PERMANENTFLAGS_without_backslash_star_does_not_allow_new_keywords()
    {
        var status = ParseStatus("* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n");
        Assert.That(status.Code!.Flags!.AllowsNewKeywords, Is.False);
        Assert.That(status.Code.Flags.System, Is.EqualTo(SystemFlags.None));
        Assert.That(status.Code.Flags.Keywords, Is.Empty);
    }

    [TestCase("READ-ONLY", ImapResponseCodeKind.ReadOnly)]
    [TestCase("READ-WRITE", ImapResponseCodeKind.ReadWrite)]
    [TestCase("TRYCREATE", ImapResponseCodeKind.TryCreate)]
    [TestCase("read-write", ImapResponseCodeKind.ReadWrite)]
    public void Codes_without_arguments_are_recognised(string code, ImapResponseCodeKind kind)
    {
        var status = ParseStatus($"A0004 NO [{code}] some text\r\n");
        Assert.That(status.Code!.Kind, Is.EqualTo(kind));
        Assert.That(status.Code.Name, Is.EqualTo(code.ToUpperInvariant()));
        Assert.That(status.Text, Is.EqualTo("some text"));
    }

    [TestCase("UIDNEXT 4392", ImapResponseCodeKind.UidNext, 4392UL)]
    [TestCase("UIDVALIDITY 3857529045", ImapResponseCodeKind.UidValidity, 3857529045UL)]
    [TestCase("UNSEEN 17", ImapResponseCodeKind.Unseen, 17UL)]
    public void Numeric_codes_carry_their_number(string code, ImapResponseCodeKind kind, ulong number)
    {
        var status = ParseStatus($"* OK [{code}] Predicted\r\n");
        Assert.That(status.Code!.Kind, Is.EqualTo(kind));
        Assert.That(status.Code.Number, Is.EqualTo(number));
        Assert.That(status.Text, Is.EqualTo("Predicted"));
    }

    [Test]
    public void An_unknown_code_is_kept_with_its_name_and_raw_arguments()
    {
        var status = ParseStatus("* OK [X-FOO bar baz] something\r\n");
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Unknown));
        Assert.That(status.Code.Name, Is.EqualTo("X-FOO"));
        Assert.That(status.Code.Arguments, Is.EqualTo("bar baz"));
        Assert.That(status.Text, Is.EqualTo("something"));
    }

    [Test]
    public void An_unknown_code_without_arguments_has_null_arguments()
    {
        var status = ParseStatus("A0002 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Unknown));
        Assert.That(status.Code.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(status.Code.Arguments, Is.Null);
    }

    [Test]
    public void A_status_with_a_code_and_no_text_parses_with_empty_text()
    {
        // Gmail and Yahoo send this: no space, no text after the bracket.
        var status = ParseStatus("* OK [HIGHESTMODSEQ 102784]\r\n");
        Assert.That(status.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.HighestModSeq));
        Assert.That(status.Code.Name, Is.EqualTo("HIGHESTMODSEQ"));
        Assert.That(status.Code.Number, Is.EqualTo(102784UL));
        Assert.That(status.Text, Is.Empty);
    }

    [Test]
    public void A_tagged_status_with_a_code_and_no_text_parses_with_empty_text()
    {
        var status = ParseStatus("A0007 OK [READ-WRITE]\r\n");
        Assert.That(status.Tag, Is.EqualTo("A0007"));
        Assert.That(status.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.ReadWrite));
        Assert.That(status.Text, Is.Empty);
    }
}
