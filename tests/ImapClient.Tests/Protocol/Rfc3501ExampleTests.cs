using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

[TestFixture(0)]
[TestFixture(1)]
public sealed class Rfc3501ExampleTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    // RFC 3501 section 8, "FETCH 12 FULL": the response as the RFC prints it over several lines is one line on the wire.
    private const string FetchFull =
        """* 12 FETCH (FLAGS (\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US") ("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>") BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))"""
        + "\r\n";

    [Test]
    public void The_FETCH_12_FULL_example_of_RFC_3501_section_8_is_parsed_into_every_typed_value()
    {
        var message = Fetch(FetchFull);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.SequenceNumber, Is.EqualTo(12u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
            Assert.That(message.Flags.Keywords, Is.Empty);
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 44, 25, TimeSpan.FromHours(-7))));
            Assert.That(message.InternalDate!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(-7)));
            Assert.That(message.Size, Is.EqualTo(4286));
            Assert.That(message.Uid, Is.Null);
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.DateText, Is.EqualTo("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"));
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 23, 25, TimeSpan.FromHours(-7))));
            Assert.That(envelope.Date!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(-7)));
            Assert.That(envelope.Subject, Is.EqualTo("IMAP4rev1 WG mtg summary and minutes"));
            AssertSingleMailbox(envelope.From, "Terry Gray", "gray@cac.washington.edu");
            AssertSingleMailbox(envelope.Sender, "Terry Gray", "gray@cac.washington.edu");
            AssertSingleMailbox(envelope.ReplyTo, "Terry Gray", "gray@cac.washington.edu");
            AssertSingleMailbox(envelope.To, null, "imap@cac.washington.edu");
            Assert.That(envelope.Cc, Has.Count.EqualTo(2));
            AssertMailbox(envelope.Cc[0], null, "minutes@CNRI.Reston.VA.US");
            AssertMailbox(envelope.Cc[1], "John Klensin", "KLENSIN@MIT.EDU");
            Assert.That(envelope.Bcc, Is.Empty);
            Assert.That(envelope.InReplyTo, Is.Null);
            Assert.That(envelope.MessageId, Is.EqualTo("<B27397-0100000@cac.washington.edu>"));
        }

        var text = AssertPart<BodyPartText>(message.BodyStructure, "text/plain", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("US-ASCII"));
            Assert.That(text.ContentType.Parameters, Has.Count.EqualTo(1));
            Assert.That(text.ContentId, Is.Null);
            Assert.That(text.ContentDescription, Is.Null);
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(text.Octets, Is.EqualTo(3028));
            Assert.That(text.Lines, Is.EqualTo(92));
            Assert.That(text.ContentMd5, Is.Null);
            Assert.That(text.ContentDisposition, Is.Null);
            Assert.That(text.ContentLanguage, Is.Null);
            Assert.That(text.ContentLocation, Is.Null);
        }
    }

    [Test]
    public void A_space_padded_INTERNALDATE_keeps_its_day_and_offset()
    {
        var message = Fetch("* 3 FETCH (INTERNALDATE \" 7-Jul-1996 02:44:25 +0530\")\r\n");
        Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(1996, 7, 7, 2, 44, 25, new TimeSpan(5, 30, 0))));
        Assert.That(message.InternalDate!.Value.Offset, Is.EqualTo(new TimeSpan(5, 30, 0)));
    }

    [Test]
    public void An_unparseable_INTERNALDATE_gives_null_without_failing_the_FETCH()
    {
        var message = Fetch("* 3 FETCH (INTERNALDATE \"yesterday\" UID 9)\r\n");
        Assert.That(message.InternalDate, Is.Null);
        Assert.That(message.Uid, Is.EqualTo(9u));
    }
}
