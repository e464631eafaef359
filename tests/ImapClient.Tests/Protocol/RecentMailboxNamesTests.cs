using ImapClient.Protocol;

namespace ImapClient.Tests.Protocol;

/// <summary>Mailbox names reused from what this thread decoded lately, decoded the same as without it.</summary>
public class RecentMailboxNamesTests
{
    [Test]
    public void A_name_seen_again_is_the_same_string_and_equals_a_fresh_decoding()
    {
        var names = RecentMailboxNames.ForCurrentThread(utf8: false);
        var first = names.Get("Archive/2026", utf8: false);
        var again = names.Get("Archive/2026".AsSpan(), utf8: false);

        Assert.That(again, Is.SameAs(first));
        Assert.That(first, Is.EqualTo(MailboxName.FromWire("Archive/2026", utf8: false)));
    }

    [Test]
    public void An_encoded_name_is_decoded_under_modified_UTF7_and_kept_as_sent_under_UTF8()
    {
        const string Wire = "Entw&APw-rfe";
        var utf7 = RecentMailboxNames.ForCurrentThread(utf8: false).Get(Wire, utf8: false);
        var utf8 = RecentMailboxNames.ForCurrentThread(utf8: true).Get(Wire, utf8: true);

        // Asked again the other way round: each way of writing names keeps its own.
        Assert.That(RecentMailboxNames.ForCurrentThread(utf8: false).Get(Wire, utf8: false), Is.EqualTo("Entwürfe"));
        Assert.That((utf7, utf8), Is.EqualTo(("Entwürfe", Wire)));
    }

    [Test]
    public void More_names_than_it_keeps_are_still_decoded_right_and_repeat_names_still_match()
    {
        var names = RecentMailboxNames.ForCurrentThread(utf8: false);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 20_000; i++)
            {
                var wire = i % 3 == 0 ? $"Box{i}&AOQ-" : $"Box{i}";
                Assert.That(names.Get(wire, utf8: false), Is.EqualTo(MailboxName.FromWire(wire, utf8: false)), wire);
            }
        }
    }
}
