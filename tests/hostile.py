"""A corpus of hostile text, for checking that nothing imported or submitted
is ever executed, and nothing is lost on the way through."""

HOSTILE_STRINGS = [
    "<script>alert('xss')</script>",
    '"><script>alert(document.cookie)</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
    "{{ settings.SECRET_KEY }} {% debug %} {% load static %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "'; DROP TABLE articles_article; --",
    "1 OR 1=1; SELECT * FROM auth_user",
    "Robert'); DELETE FROM articles_region WHERE ('1'='1",
    "\u202eevil\u202c reversed \u2066isolate\u2069",
    "zero\u200bwidth\u200djoiner\ufeffbom",
    "]]><!-- --><![CDATA[ & &amp; &#x3C;",
    '=HYPERLINK("http://evil.example","click")',
    "@SUM(1+1)",
    "emoji 🌏 and 碳普惠 and ½ ﬁ",
]

# One line of a million characters: big, but text all the same.
MEGA_LINE = "carbon " * 150_000

EXECUTABLE_MARKERS = [
    "<script>alert",
    "<img src=x onerror",
    '<a href="javascript:',
    '2000/svg" onload=',
    "<iframe",
    "<style>body",
]
