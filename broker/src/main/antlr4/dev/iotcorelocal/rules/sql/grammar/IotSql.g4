/*
 * AWS IoT SQL (spec B1). The grammar also accepts bracket indexing and searched CASE, which AWS
 * lacks, so the compiler can refuse them by name and position instead of a bare "mismatched
 * input". Tokens AWS lacks (IN, LIKE, BETWEEN, IS, !=, ||, comments) are lexed so that the
 * compiler refuses them before parsing.
 */
grammar IotSql;

options { caseInsensitive = true; }

query
    : SELECT selectList fromClause? whereClause? EOF
    ;

fromClause
    : FROM topicFilter=anyString
    ;

whereClause
    : WHERE expression
    ;

selectList
    : VALUE expression                                      # valueSelect
    | selectItem (',' selectItem)*                          # itemsSelect
    ;

selectItem
    : '*'                                                   # starItem
    | expression (AS alias=identifier)?                     # expressionItem
    ;

standaloneExpression
    : expression EOF
    ;

expression
    : '-' expression                                        # negate
    | expression op=('*' | '/' | '%') expression            # multiplicative
    | expression op=('+' | '-') expression                  # additive
    | expression op=('=' | '<>' | '<' | '<=' | '>' | '>=') expression  # comparison
    | NOT expression                                        # not
    | expression AND expression                             # and
    | expression OR expression                              # or
    | postfix                                               # postfixExpression
    ;

postfix
    : primary                                               # primaryPostfix
    | postfix '.' identifier                                # field
    | postfix '[' expression ']'                            # refusedIndex
    ;

primary
    : literal                                               # literalPrimary
    | CAST '(' expression AS typeName=identifier ')'        # cast
    | identifier '(' (argument (',' argument)*)? ')'        # call
    | identifier                                            # attribute
    | CASE operand=expression? caseWhen+ (ELSE elseResult=expression)? END  # caseExpression
    | '(' subquery ')'                                      # subqueryPrimary
    | '(' expression ')'                                    # parenthesized
    | '{' (objectEntry (',' objectEntry)*)? '}'             # objectLiteral
    | '[' (expression (',' expression)*)? ']'               # arrayLiteral
    ;

argument
    : '*'                                                   # starArgument
    | expression                                            # expressionArgument
    ;

caseWhen
    : WHEN when=expression THEN then=expression
    ;

subquery
    : SELECT selectList FROM source=expression whereClause?
    ;

objectEntry
    : key=anyString ':' expression
    ;

literal
    : INTEGER                                               # integerLiteral
    | DECIMAL                                               # decimalLiteral
    | anyString                                             # stringLiteral
    | TRUE                                                  # trueLiteral
    | FALSE                                                 # falseLiteral
    | NULL                                                  # nullLiteral
    ;

anyString
    : SINGLE_QUOTED
    | DOUBLE_QUOTED
    ;

// Soft keywords: words AWS uses as keywords in one place that payloads also use as field names.
identifier
    : IDENTIFIER
    | VALUE
    | SET
    ;

SELECT  : 'SELECT';
FROM    : 'FROM';
WHERE   : 'WHERE';
VALUE   : 'VALUE';
AS      : 'AS';
AND     : 'AND';
OR      : 'OR';
NOT     : 'NOT';
CASE    : 'CASE';
WHEN    : 'WHEN';
THEN    : 'THEN';
ELSE    : 'ELSE';
END     : 'END';
CAST    : 'CAST';
TRUE    : 'TRUE';
FALSE   : 'FALSE';
NULL    : 'NULL';
IN      : 'IN';
LIKE    : 'LIKE';
BETWEEN : 'BETWEEN';
IS      : 'IS';
SET     : 'SET';

INTEGER : DIGIT+;
DECIMAL : DIGIT+ '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT;
fragment DIGIT    : [0-9];
fragment EXPONENT : 'E' [+-]? DIGIT+;

SINGLE_QUOTED : '\'' ('\\' . | ~['\\])* '\'';
DOUBLE_QUOTED : '"' ('\\' . | ~["\\])* '"';

IDENTIFIER : [A-Z_] [A-Z_0-9]*;

NOT_EQUAL_BANG : '!=';
DOUBLE_PIPE    : '||';
COMMENT : '--' | '/*';
WS : [ \t\r\n]+ -> skip;
UNKNOWN_CHAR : .;
