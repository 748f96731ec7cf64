/*
 * STIX patterning (STIX 2.1 section 9, STIX 2.0 part 5), written for Harrier from the specification text.
 *
 * One grammar serves both dialects; StixPatternParser applies the differences after parsing (2.0: START/STOP take
 * plain string literals and EXISTS does not exist; 2.1: START/STOP take t'...' literals).
 *
 * Precedence, lowest first: FOLLOWEDBY, OR, AND between observation expressions; qualifiers bind to the
 * observation expression (or parenthesised group) just before them, so "[a] AND [b] WITHIN 5 SECONDS" qualifies
 * [b] only. Inside brackets: OR, then AND, then single comparisons.
 *
 * The literal tokens are deliberately loose (any text between the quotes): the parser checks the content
 * (calendar dates, base64, hex digits, escapes) afterwards so that the error can say what exactly is wrong.
 */
grammar StixPatternGrammar;

pattern
    : observationExpressions EOF
    ;

observationExpressions
    : observationExpressionOr (FOLLOWEDBY observationExpressionOr)*
    ;

observationExpressionOr
    : observationExpressionAnd (OR observationExpressionAnd)*
    ;

observationExpressionAnd
    : qualifiedObservation (AND qualifiedObservation)*
    ;

qualifiedObservation
    : observationAtom qualifier*
    ;

observationAtom
    : LBRACK comparisonOr RBRACK                 # bracketObservation
    | LPAREN observationExpressions RPAREN       # groupObservation
    ;

qualifier
    : WITHIN duration=(IntPosLiteral | FloatPosLiteral) SECONDS                                       # withinQualifier
    | REPEATS count=IntPosLiteral TIMES                                                               # repeatsQualifier
    | START start=(TimestampLiteral | StringLiteral) STOP stop=(TimestampLiteral | StringLiteral)    # startStopQualifier
    ;

comparisonOr
    : comparisonAnd (OR comparisonAnd)*
    ;

comparisonAnd
    : comparison (AND comparison)*
    ;

comparison
    : objectPath NOT? op=(EQ | NEQ) primitiveLiteral                                 # equalityComparison
    | objectPath NOT? op=(GT | LT | GE | LE) orderableLiteral                        # orderComparison
    | objectPath NOT? IN setLiteral                                                  # setComparison
    | objectPath NOT? op=(LIKE | MATCHES | ISSUBSET | ISSUPERSET) StringLiteral      # stringComparison
    | NOT? EXISTS objectPath                                                         # existsComparison
    | LPAREN comparisonOr RPAREN                                                     # groupComparison
    ;

objectPath
    : objectType COLON pathRoot pathStep*
    ;

objectType
    : IdentifierWithoutHyphen
    | IdentifierWithHyphen
    ;

pathRoot
    : IdentifierWithoutHyphen
    | StringLiteral
    ;

pathStep
    : DOT (IdentifierWithoutHyphen | StringLiteral)                  # keyStep
    | LBRACK (IntPosLiteral | IntNegLiteral | ASTERISK) RBRACK        # indexStep
    ;

setLiteral
    : LPAREN (primitiveLiteral (COMMA primitiveLiteral)*)? RPAREN
    ;

primitiveLiteral
    : orderableLiteral
    | BoolLiteral
    ;

orderableLiteral
    : IntPosLiteral
    | IntNegLiteral
    | FloatPosLiteral
    | FloatNegLiteral
    | StringLiteral
    | BinaryLiteral
    | HexLiteral
    | TimestampLiteral
    ;

// ---------------------------------------------------------------------------------------------------------------
// Lexer. Keywords are upper case only (the specification writes them so; "within" is not WITHIN).

AND        : 'AND' ;
OR         : 'OR' ;
NOT        : 'NOT' ;
FOLLOWEDBY : 'FOLLOWEDBY' ;
LIKE       : 'LIKE' ;
MATCHES    : 'MATCHES' ;
ISSUPERSET : 'ISSUPERSET' ;
ISSUBSET   : 'ISSUBSET' ;
EXISTS     : 'EXISTS' ;
IN         : 'IN' ;
START      : 'START' ;
STOP       : 'STOP' ;
SECONDS    : 'SECONDS' ;
WITHIN     : 'WITHIN' ;
REPEATS    : 'REPEATS' ;
TIMES      : 'TIMES' ;

BoolLiteral : 'true' | 'false' ;

// t'...', b'...', h'...': the prefix letter glued to a quoted body; the body is checked by StixPatternParser.
TimestampLiteral : 't' '\'' ~['\\\r\n]* '\'' ;
BinaryLiteral    : 'b' '\'' ~['\\]* '\'' ;
HexLiteral       : 'h' '\'' ~['\\\r\n]* '\'' ;

// Any backslash pair is lexed; only \' and \\ survive the check in StixPatternParser.
StringLiteral : '\'' ( ~['\\] | '\\' . )* '\'' ;

IntNegLiteral   : '-' Digits ;
IntPosLiteral   : '+'? Digits ;
FloatNegLiteral : '-' [0-9]* '.' [0-9]+ ;
FloatPosLiteral : '+'? [0-9]* '.' [0-9]+ ;

// Object types may contain hyphens; property names may not (they are quoted instead: hashes.'SHA-256').
IdentifierWithoutHyphen : [a-zA-Z_] [a-zA-Z0-9_]* ;
IdentifierWithHyphen    : [a-zA-Z_] [a-zA-Z0-9_-]* ;

EQ       : '=' | '==' ;
NEQ      : '!=' | '<>' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;
COLON    : ':' ;
DOT      : '.' ;
COMMA    : ',' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
ASTERISK : '*' ;

fragment Digits : '0' | [1-9] [0-9]* ;

// Unicode White_Space code points (the specification: any code point with WSpace=Y delimits).
WS : [ \t\n\u000B\u000C\r\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+ -> skip ;

// Comments are not in the specification; the OASIS validator accepts them, so Harrier does too.
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;

// Anything else becomes a token of its own so that the parser reports it with its position.
InvalidCharacter : . ;
