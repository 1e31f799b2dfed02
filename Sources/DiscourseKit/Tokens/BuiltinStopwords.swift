/// Built-in stopword lists for `--stopwords en` and `--stopwords zh`.
///
/// Both lists were written for this toolkit (not copied from NLTK, Snowball, spaCy or the
/// Baidu/HIT lists) and contain closed-class function words only: articles and determiners,
/// pronouns, auxiliaries, prepositions, conjunctions, particles and a small set of connective,
/// degree and aspect adverbs. Content words (`people`, `security`, 发展, 安全, ...) are
/// deliberately left out of the lists, and so are negation (`not`, `no`, 不, 没有) and modal
/// verbs (`must`, `should`, `will`, 必须, 要, 应该): in discourse analysis they carry stance
/// and must stay countable. Entries are already normalised like token forms (NFKC + case
/// folding) and sorted in Unicode code point order. See docs/stopwords.md for the full rationale.
enum BuiltinStopwords {
    /// English: 201 entries. Lower case; subject+`be`/`have` contractions appear twice,
    /// with a straight apostrophe (U+0027) and with U+2019, which NFKC does not fold.
    static let english: [String] = [
        "a", "about", "above", "across", "after", "again", "against", "all", "along", "already",
        "also", "although", "am", "among", "an", "and", "another", "any", "anyone", "anything",
        "are", "around", "as", "at", "be", "because", "been", "before", "behind", "being", "below",
        "besides", "between", "beyond", "both", "but", "by", "despite", "did", "do", "does", "down",
        "during", "each", "either", "else", "enough", "etc", "even", "ever", "every", "everyone",
        "everything", "except", "few", "for", "from", "furthermore", "had", "has", "have", "having",
        "he", "he's", "hence", "her", "here", "hers", "herself", "he’s", "him", "himself", "his",
        "how", "however", "i", "i'm", "if", "in", "inside", "instead", "into", "is", "it", "it's",
        "its", "itself", "it’s", "i’m", "just", "least", "less", "many", "me", "mine", "more",
        "moreover", "most", "much", "my", "myself", "near", "nevertheless", "now", "of", "off",
        "on", "once", "only", "or", "other", "otherwise", "our", "ours", "ourselves", "out",
        "outside", "over", "per", "quite", "rather", "several", "she", "she's", "she’s", "since",
        "so", "some", "someone", "something", "still", "such", "than", "that", "that's", "that’s",
        "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "thereby",
        "therefore", "there’s", "these", "they", "they're", "they've", "they’re", "they’ve", "this",
        "those", "though", "through", "throughout", "thus", "to", "too", "toward", "towards",
        "under", "unless", "unlike", "until", "up", "upon", "us", "very", "via", "was", "we",
        "we're", "we've", "were", "we’re", "we’ve", "what", "when", "where", "whereas", "whether",
        "which", "while", "who", "whom", "whose", "why", "with", "within", "without", "yet", "you",
        "you're", "your", "yours", "yourself", "yourselves", "you’re",
    ]
    /// Chinese (Simplified): 155 entries, as ICU dictionary segmentation yields them
    /// (single function words such as 的, 我们, 因此; no multi-word phrases).
    static let chinese: [String] = [
        "一些", "一切", "不仅", "不但", "不过", "与", "个", "中", "为", "为了", "之", "之中", "之间", "也", "了", "于",
        "于是", "些", "什么", "仍", "仍然", "从", "从而", "他", "他们", "以", "以及", "以来", "们", "任何", "但", "但是",
        "你", "你们", "例如", "便", "关于", "其", "其中", "其他", "内", "再", "则", "十分", "即", "即使", "却", "又", "及",
        "及其", "另外", "只", "只要", "各", "同时", "向", "吗", "否则", "吧", "呢", "和", "啊", "因", "因为", "因此", "在",
        "地", "均", "太", "她", "如何", "如果", "如此", "它", "它们", "对", "对于", "就", "就是", "尽管", "已", "已经", "并",
        "并且", "当", "很", "得", "怎么", "您", "我", "我们", "或", "或者", "所", "所以", "所有", "才", "把", "按", "按照",
        "无论", "是", "更", "更加", "曾经", "最", "有", "有些", "某", "根据", "正在", "此", "此外", "每", "比", "然而",
        "甚至", "由", "由于", "的", "着", "等", "等等", "给", "者", "而", "而且", "而是", "自己", "虽然", "被", "谁", "跟",
        "过", "还", "还是", "这", "这个", "这么", "这些", "这样", "这种", "这里", "进而", "那", "那个", "那么", "那些", "那样",
        "那里", "都", "里", "除了", "随着", "非常",
    ]
}
